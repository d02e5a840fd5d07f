namespace GitOps.Reconciler.Git.Drafts;

/// <summary>Where a draft is in its life: edited (<see cref="Open"/>), landed on the tracked branch, or given up.</summary>
public enum DraftState
{
    Open,
    Published,
    Abandoned,
}

/// <summary>A person as a draft records them (author, approver): the commit identity of the caller.</summary>
public sealed record DraftPerson(string Name, string Email)
{
    public static DraftPerson Of(CommitAuthor author)
    {
        ArgumentNullException.ThrowIfNull(author);
        return new(author.Name, author.Email);
    }

    /// <summary>The same caller: identities are compared by email, as <c>Changed-By</c> records them.</summary>
    public bool IsSameAs(CommitAuthor author) => author is not null && string.Equals(Email, author.Email, StringComparison.OrdinalIgnoreCase);

    public override string ToString() => $"{Name} <{Email}>";
}

/// <summary>One approval: who approved which draft head. It counts only while the draft is still at <see cref="Head"/>.</summary>
public sealed record DraftApproval(string Name, string Email, DateTimeOffset At, string Head);

/// <summary>The commit a draft became on the tracked branch.</summary>
public sealed record DraftPublication(string Commit, DateTimeOffset At);

/// <summary>A draft's metadata as it is persisted in git (the file <c>draft.json</c> of the commit that
/// <c>refs/gitops/drafts/&lt;id&gt;</c> points at); never on the tracked branch.</summary>
/// <param name="Base">The commit the draft started from.</param>
public sealed record DraftRecord(string Id, string Title, DraftPerson Author, DateTimeOffset Created, string Base, DraftState State)
{
    public ImmutableArray<DraftApproval> Approvals { get; init; } = [];

    /// <summary>Set once the draft is Published.</summary>
    public DraftPublication? Published { get; init; }

    /// <summary>The draft head when it was published or abandoned (its branch may be renamed or gone since).</summary>
    public string? ClosedHead { get; init; }
}

/// <summary>One commit of a draft (base..head).</summary>
public sealed record DraftCommit(string Sha, string Summary, DraftPerson Author, DateTimeOffset Date);

/// <summary>A draft as it is read: its metadata, its head, its own commits (newest first) and the plugin folders they touch.</summary>
public sealed record DraftInfo(DraftRecord Record, string Head, ImmutableArray<DraftCommit> Commits, ImmutableArray<string> Plugins)
{
    public string Id => Record.Id;

    /// <summary>The branch the draft lives on: <c>drafts/&lt;id&gt;</c> (<c>archive/drafts/&lt;id&gt;</c> once abandoned).</summary>
    public string Branch => Record.State == DraftState.Abandoned ? DraftRefs.ArchiveBranch(Id) : DraftRefs.Branch(Id);

    /// <summary>The approvals made at the current head.</summary>
    public ImmutableArray<DraftApproval> ValidApprovals => [.. Record.Approvals.Where(a => IsValid(a))];

    public bool IsValid(DraftApproval approval) => approval is not null && string.Equals(approval.Head, Head, StringComparison.OrdinalIgnoreCase);
}
