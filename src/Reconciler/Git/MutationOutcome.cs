namespace GitOps.Reconciler.Git;

/// <summary>The closed set of outcomes of a mutation (STYLE: expected outcomes are return values).</summary>
public abstract record MutationOutcome
{
    private MutationOutcome() { }

    /// <summary>One commit was written and the branch moved from <paramref name="PreviousHead"/> to <paramref name="Head"/>.</summary>
    public sealed record Committed(string Head, string PreviousHead, ConfigSnapshot Snapshot) : MutationOutcome;

    /// <summary>The edit produced the tree that is already at head: nothing written.</summary>
    public sealed record NoChange(string Head) : MutationOutcome;

    /// <summary>The branch is not at the expected head (or moved while we wrote): nothing written. HTTP 409.</summary>
    public sealed record HeadMoved(string Current, string Expected) : MutationOutcome;

    /// <summary>The resulting repository would be invalid: nothing written. HTTP 422.</summary>
    public sealed record Invalid(ImmutableArray<ValidationError> Errors) : MutationOutcome;

    /// <summary>The edit refused itself (e.g. source not found, already exists). Nothing written.</summary>
    public sealed record Rejected(RejectionKind Kind, string Message) : MutationOutcome;

    /// <summary>The store is read-only (remote unreachable): nothing written. HTTP 503.</summary>
    public sealed record Unavailable(string Reason) : MutationOutcome;

    /// <summary>The data directory is full or read-only: nothing was written (the branch did not move). HTTP 507 / 503.</summary>
    public sealed record StorageFailed(StorageFault Fault) : MutationOutcome;

    /// <summary>Pull-request mode: the change went to <paramref name="Branch"/> and a pull request was opened. HTTP 202.</summary>
    public sealed record Proposed(string Branch, string PullRequestUrl, string Commit) : MutationOutcome;
}

public enum RejectionKind
{
    NotFound,
    AlreadyExists,
    BadRequest,

    /// <summary>The change cannot be applied to the current head (e.g. a revert whose files changed since). HTTP 409.</summary>
    Conflict,

    /// <summary>The change would remove every plugin and the caller did not confirm it. HTTP 409.</summary>
    ConfirmationRequired,
}
