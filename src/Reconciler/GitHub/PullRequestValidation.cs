namespace GitOps.Reconciler.GitHub;

/// <summary>The outcome of validating a pull request head.</summary>
public abstract record PullRequestValidation(PullRequestRef PullRequest)
{
    /// <summary>The head was fetched and validated; <see cref="ChangeSummary.IsValid"/> says whether it passed.</summary>
    public sealed record Validated(PullRequestRef PullRequest, ChangeSummary Summary) : PullRequestValidation(PullRequest)
    {
        /// <summary>What merging would do (docs/DRAFTS.md, "Plan"), rendered into the comment; null when there is no base.</summary>
        public Planning.Plan? Plan { get; init; }
    }

    /// <summary>The head commit could not be fetched, so nothing was validated (reported as a status <c>error</c>).</summary>
    public sealed record NotFetched(PullRequestRef PullRequest, string Reason) : PullRequestValidation(PullRequest);
}
