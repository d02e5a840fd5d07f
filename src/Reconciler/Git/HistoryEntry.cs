namespace GitOps.Reconciler.Git;

/// <summary>A source added, removed or changed by a commit.</summary>
public sealed record ChangedSource(string Plugin, string Source, ChangeKind Change);

public enum ChangeKind
{
    Added,
    Removed,
    Modified,
}

/// <summary>One commit of the audit trail.</summary>
/// <param name="Summary">The first line of the message.</param>
/// <param name="Trailers">Parsed trailers such as <c>Request-Id</c> and <c>Changed-By</c>.</param>
/// <param name="ChangedPlugins">Plugins whose folder changed in this commit.</param>
public sealed record HistoryEntry(
    string Sha,
    string AuthorName,
    string AuthorEmail,
    DateTimeOffset Time,
    string Message,
    string Summary,
    ImmutableDictionary<string, string> Trailers,
    ImmutableArray<string> ChangedPlugins,
    ImmutableArray<ChangedSource> ChangedSources,
    ImmutableArray<string> Parents,
    CommitSignatureInfo? Signature = null);

/// <summary>A filter for <c>GET /history</c>.</summary>
/// <param name="Visible">When set, only commits touching at least one plugin it accepts count (a caller's grants), so the
/// limit counts what the caller may see.</param>
/// <param name="After">A page's cursor: only commits after this one in the walk's order (newest first) are listed.</param>
/// <param name="From">Walk from this commit instead of the branch head (e.g. the applied head).</param>
public sealed record HistoryQuery(string? Plugin = null, string? Source = null, int Limit = 50, Func<string, bool>? Visible = null,
    string? After = null, string? From = null);

/// <summary>One changed file of a commit: status (added, deleted, modified) and unified patch text.</summary>
public sealed record FileDiff(string Path, string Status, string Patch);

/// <summary>One commit with its diff against its first parent.</summary>
/// <param name="Note">Set when the diff cannot be computed (the first parent is missing or corrupt): says which object and what to run.</param>
public sealed record CommitDetails(HistoryEntry Entry, ImmutableArray<FileDiff> Files, string? Note = null);
