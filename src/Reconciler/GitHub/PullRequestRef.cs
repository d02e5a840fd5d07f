namespace GitOps.Reconciler.GitHub;

/// <summary>Where a pull request (or GitLab merge request) comes from.</summary>
public enum ReviewProvider
{
    GitHub,
    GitLab,
}

/// <summary>A pull request to validate, as described by its webhook payload.</summary>
/// <param name="Owner">GitHub owner login, or the GitLab namespace.</param>
/// <param name="Repository">Repository (project) name.</param>
/// <param name="Number">Pull request number (GitLab: the merge request iid).</param>
/// <param name="HeadSha">The commit to validate.</param>
/// <param name="HeadRef">The source branch name.</param>
/// <param name="BaseRef">The target branch name.</param>
/// <param name="BaseSha">The target branch tip the provider saw, when the payload says.</param>
/// <param name="HeadCloneUrl">Clone URL of the repository holding the head (a fork for cross-repository pull requests).</param>
/// <param name="BaseCloneUrl">Clone URL of the target repository.</param>
public sealed record PullRequestRef(
    ReviewProvider Provider,
    string Owner,
    string Repository,
    int Number,
    string HeadSha,
    string HeadRef,
    string BaseRef,
    string? BaseSha,
    string? HeadCloneUrl,
    string? BaseCloneUrl)
{
    /// <summary>The ref the provider keeps for the pull request head on the target repository.</summary>
    public string ProviderHeadRef => Provider == ReviewProvider.GitHub
        ? $"refs/pull/{Number}/head"
        : $"refs/merge-requests/{Number}/head";

    public override string ToString() => $"{Owner}/{Repository}#{Number}@{ShortSha(HeadSha)}";

    public static string ShortSha(string sha) => sha.Length > 7 ? sha[..7] : sha;
}
