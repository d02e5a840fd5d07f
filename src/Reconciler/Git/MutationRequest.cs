namespace GitOps.Reconciler.Git;

/// <summary>Who made a change; becomes the commit author and the <c>Changed-By</c> trailer.</summary>
public sealed record CommitAuthor(string Name, string Email)
{
    /// <summary>The grant that allowed the change (e.g. <c>admin on team-a-* (group team-a)</c>); the <c>Authorized-By</c> trailer.</summary>
    public string? Grant { get; init; }
}

/// <summary>One mutation: an edit applied to the snapshot at <see cref="ExpectedHead"/>, written as exactly one commit.</summary>
/// <param name="ExpectedHead">The head the caller read (from If-Match); null means "whatever is current" (If-Match: *).</param>
/// <param name="Summary">The commit summary line, e.g. <c>models: disable source organization_ai_models</c>.</param>
/// <param name="Reason">Optional body: why the change was made.</param>
/// <param name="RequestId">Goes into the <c>Request-Id</c> trailer.</param>
/// <param name="Edit">Computes the file changes from the snapshot at the expected head. Pure: it may run more than once.</param>
/// <param name="ConfirmRemovingEveryPlugin">The caller confirmed that the change may leave no plugin at all; without it
/// such a change is refused (<see cref="RejectionKind.ConfirmationRequired"/>).</param>
public sealed record MutationRequest(
    string? ExpectedHead,
    CommitAuthor Author,
    string Summary,
    string? Reason,
    string RequestId,
    Func<ConfigSnapshot, EditResult> Edit,
    bool ConfirmRemovingEveryPlugin = false)
{
    /// <summary>Trailers written after the standard ones (e.g. <c>Draft:</c>, <c>Approved-By:</c>, <c>Rolled-Back-To:</c>).</summary>
    public ImmutableArray<CommitTrailer> Trailers { get; init; } = [];

    /// <summary>The draft the commit goes to (<c>?draft=</c>), with <see cref="ExpectedHead"/> the draft's head; null: the
    /// tracked branch (see <see cref="Drafts.DraftStore"/>).</summary>
    public string? Draft { get; init; }
}

/// <summary>What an edit produces: file changes, or a refusal.</summary>
public abstract record EditResult
{
    private EditResult() { }

    /// <summary>Repository-relative path → new content, or null to delete the file.</summary>
    public sealed record Changes(ImmutableDictionary<string, ReadOnlyMemory<byte>?> Files) : EditResult;

    public sealed record Refused(RejectionKind Kind, string Message) : EditResult;
}
