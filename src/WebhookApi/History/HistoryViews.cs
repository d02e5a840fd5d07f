namespace GitOps.WebhookApi.History;

internal sealed record AuthorView(string Name, string Email);

/// <summary>Items of <c>GET /history</c> (docs/COMPONENTS.md).</summary>
internal sealed record HistoryEntryView(
    string Sha,
    AuthorView Author,
    DateTimeOffset Time,
    string Summary,
    string Message,
    ImmutableDictionary<string, string> Trailers,
    ImmutableArray<string> ChangedPlugins,
    ImmutableArray<ChangedSource> ChangedSources,
    ImmutableArray<string> Parents,
    CommitSignatureInfo? Signature)
{
    public static HistoryEntryView Of(HistoryEntry e) =>
        new(e.Sha, new AuthorView(e.AuthorName, e.AuthorEmail), e.Time, e.Summary, e.Message, e.Trailers,
            e.ChangedPlugins, e.ChangedSources, e.Parents, e.Signature);
}

/// <summary><c>GET /history/{sha}</c>: the entry plus its diff against the first parent.</summary>
internal sealed record CommitView(
    string Sha,
    AuthorView Author,
    DateTimeOffset Time,
    string Summary,
    string Message,
    ImmutableDictionary<string, string> Trailers,
    ImmutableArray<string> ChangedPlugins,
    ImmutableArray<ChangedSource> ChangedSources,
    ImmutableArray<string> Parents,
    ImmutableArray<FileDiff> Files,
    CommitSignatureInfo? Signature)
{
    public static CommitView Of(CommitDetails details)
    {
        var e = HistoryEntryView.Of(details.Entry);
        return new CommitView(e.Sha, e.Author, e.Time, e.Summary, e.Message, e.Trailers, e.ChangedPlugins, e.ChangedSources, e.Parents, details.Files, e.Signature);
    }
}

/// <summary><c>POST /history/{sha}/revert</c> → 201.</summary>
internal sealed record RevertView(string Head, string Reverted);
