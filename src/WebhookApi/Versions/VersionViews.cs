using GitOps.WebhookApi.History;

namespace GitOps.WebhookApi.Versions;

/// <summary><c>GET /plugins/{plugin}/versions</c> (docs/DRAFTS.md).</summary>
/// <param name="Applied">The version the reconcile pass applied (the newest commit touching the plugin at or before the
/// applied head); null before any pass or when none touched it.</param>
internal sealed record VersionsView(string Plugin, string? Applied, ImmutableArray<VersionView> Versions, ImmutableArray<DraftRefView> Drafts, string? Next);

internal sealed record VersionView(string Sha, string Summary, AuthorView Author, DateTimeOffset Date, bool Applied);

/// <summary>An open draft touching the plugin. <paramref name="Title"/> is the draft id until the drafts store (its
/// metadata) is on the branch this was built from.</summary>
internal sealed record DraftRefView(string Id, string Title, string Head, string State);

/// <summary><c>POST /plugins/{plugin}:rollback</c> body.</summary>
internal sealed record RollbackBody(string? To);

/// <summary><c>POST /plugins/{plugin}:rollback</c> → 200.</summary>
internal sealed record RollbackView(string Head, string To);
