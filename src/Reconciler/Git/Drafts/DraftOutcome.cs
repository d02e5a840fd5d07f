namespace GitOps.Reconciler.Git.Drafts;

/// <summary>What a draft operation found. A closed set (STYLE: expected outcomes are return values); the API maps each to
/// an answer (docs/DRAFTS.md).</summary>
public abstract record DraftOutcome
{
    private DraftOutcome() { }

    /// <summary>Done; <paramref name="Changed"/> is false when nothing had to be written (e.g. the same approval twice).</summary>
    public sealed record Done(DraftInfo Draft, bool Changed = true) : DraftOutcome;

    public sealed record NotFound(string Id) : DraftOutcome;

    /// <summary>The name is taken by a draft (in any state) or a branch.</summary>
    public sealed record Exists(string Id) : DraftOutcome;

    public sealed record InvalidName(string Name, string Reason) : DraftOutcome;

    /// <summary>The base the caller named is no commit of the repository.</summary>
    public sealed record UnknownBase(string Base) : DraftOutcome;

    /// <summary>The draft is Published or Abandoned: it can no longer change.</summary>
    public sealed record Closed(DraftInfo Draft) : DraftOutcome;

    /// <summary>The caller may not do this to this draft (approve their own draft, abandon someone else's).</summary>
    public sealed record Forbidden(string Reason, bool SelfApproval) : DraftOutcome;

    /// <summary>The draft is not at the head the caller read (If-Match).</summary>
    public sealed record Stale(string Current, string Expected) : DraftOutcome;

    public sealed record ApprovalsMissing(int Missing, int Required) : DraftOutcome;

    /// <summary>The tracked branch moved since the draft's base and the commits in between touch the draft's files.</summary>
    public sealed record Conflict(ImmutableArray<string> Files, string DraftHead, string BranchHead) : DraftOutcome;

    /// <summary>The draft changes nothing against the tracked head.</summary>
    public sealed record Empty(string Id) : DraftOutcome;

    /// <summary>The draft is one commit on the tracked branch now.</summary>
    public sealed record Published(string Commit, DraftInfo Draft) : DraftOutcome;

    /// <summary>The commit on the tracked branch was not written, or went to a pull request: the store's own outcome.</summary>
    public sealed record Failed(MutationOutcome Outcome) : DraftOutcome;
}
