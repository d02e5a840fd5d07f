namespace GitOps.Reconciler.Git;

/// <summary>How REST mutations reach the repository (section <c>GitOps:Mutations</c>, DESIGN §3 and §7).</summary>
public sealed class MutationOptions
{
    public const string SectionName = "GitOps:Mutations";

    public MutationMode Mode { get; set; } = MutationMode.Commit;
}

public enum MutationMode
{
    /// <summary>Each mutation is one commit on the tracked branch.</summary>
    Commit,

    /// <summary>Each mutation goes to a new branch and opens a pull request (202 with its URL).</summary>
    PullRequest,
}
