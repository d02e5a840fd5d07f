using GitOps.Reconciler.Git.Drafts;

namespace GitOps.WebhookApi.Drafts;

/// <summary>A draft as the API shows it (docs/DRAFTS.md).</summary>
internal sealed record DraftView(
    string Id,
    string Title,
    string Branch,
    DraftState State,
    DraftPersonView Author,
    DateTimeOffset Created,
    string Base,
    string Head,
    DraftCommitView[] Commits,
    string[] Plugins,
    DraftApprovalView[] Approvals,
    int RequiredApprovals,
    int MissingApprovals,
    DraftPublication? Published)
{
    public static DraftView Of(DraftInfo draft, int requiredApprovals)
    {
        ArgumentNullException.ThrowIfNull(draft);
        var record = draft.Record;
        return new DraftView(
            record.Id, record.Title, draft.Branch, record.State, DraftPersonView.Of(record.Author), record.Created, record.Base, draft.Head,
            [.. draft.Commits.Select(c => new DraftCommitView(c.Sha, c.Summary, DraftPersonView.Of(c.Author), c.Date))],
            [.. draft.Plugins],
            [.. record.Approvals.Select(a => new DraftApprovalView(a.Name, a.Email, a.At, a.Head, draft.IsValid(a)))],
            requiredApprovals,
            Math.Max(0, requiredApprovals - draft.ValidApprovals.Length),
            record.Published);
    }
}

internal sealed record DraftPersonView(string Name, string Email)
{
    public static DraftPersonView Of(DraftPerson person) => new(person.Name, person.Email);
}

internal sealed record DraftCommitView(string Sha, string Summary, DraftPersonView Author, DateTimeOffset Date);

internal sealed record DraftApprovalView(string Name, string Email, DateTimeOffset At, string Head, bool Valid);

/// <summary><c>GET /drafts</c>.</summary>
internal sealed record DraftListView(DraftView[] Drafts);

/// <summary><c>POST /drafts/{id}:publish</c>: the commit on the tracked branch and the draft, Published.</summary>
internal sealed record PublishedDraftView(string Commit, DraftView Draft);

/// <summary>The body of <c>POST /drafts</c>.</summary>
internal sealed record CreateDraftBody(string? Title, string? Name, string? Base);
