using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Serialization;

namespace GitOps.WebhookApi.History;

internal sealed record AuthorView(string Name, string Email);

/// <summary>Items of <c>GET /history</c> (docs/COMPONENTS.md).</summary>
/// <remarks>Every member is required (OpenAPI lists them so); <see cref="Signature"/> is written last, also after what a
/// <see cref="CommitView"/> adds.</remarks>
internal record HistoryEntryView
{
    public required string Sha { get; init; }
    public required AuthorView Author { get; init; }
    public required DateTimeOffset Time { get; init; }
    public required string Summary { get; init; }
    public required string Message { get; init; }
    public required ImmutableDictionary<string, string> Trailers { get; init; }
    public required ImmutableArray<string> ChangedPlugins { get; init; }
    public required ImmutableArray<ChangedSource> ChangedSources { get; init; }
    public required ImmutableArray<string> Parents { get; init; }

    [JsonPropertyOrder(2)]
    public required CommitSignatureInfo? Signature { get; init; }

    public static HistoryEntryView Of(HistoryEntry e) => new()
    {
        Sha = e.Sha, Author = new AuthorView(e.AuthorName, e.AuthorEmail), Time = e.Time, Summary = e.Summary, Message = e.Message,
        Trailers = e.Trailers, ChangedPlugins = e.ChangedPlugins, ChangedSources = e.ChangedSources, Parents = e.Parents, Signature = e.Signature,
    };
}

/// <summary><c>GET /history/{sha}</c>: the entry plus its diff against the first parent (written before the signature).</summary>
internal sealed record CommitView : HistoryEntryView
{
    [SetsRequiredMembers]
    private CommitView(HistoryEntryView entry, ImmutableArray<FileDiff> files) : base(entry) => Files = files;

    [JsonPropertyOrder(1)]
    public required ImmutableArray<FileDiff> Files { get; init; }

    public static CommitView Of(CommitDetails details) => Of(HistoryEntryView.Of(details.Entry), details.Files);

    /// <param name="files">Default: not read yet (GraphQL <c>history</c> entries read them when asked for).</param>
    public static CommitView Of(HistoryEntryView entry, ImmutableArray<FileDiff> files) => new(entry, files);
}

/// <summary><c>POST /history/{sha}/revert</c> → 201.</summary>
internal sealed record RevertView(string Head, string Reverted);
