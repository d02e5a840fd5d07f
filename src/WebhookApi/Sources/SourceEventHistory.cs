using System.Collections.Concurrent;

namespace GitOps.WebhookApi.Sources;

/// <summary>The git side of a source's timeline: the commits of the tracked branch that changed the source's entry (or
/// the files it refers to), read from history and cached per head, and the draft branches that change it, read on each
/// request (a draft moves without the head moving). Nothing here is lost by a restart: it is read again, lazily.</summary>
internal sealed class SourceEventHistory(GitConfigStore store, IOptions<SourceEventsOptions> options)
{
    private readonly ConcurrentDictionary<(string Plugin, string Source), CachedCommits> _commits = new();

    /// <summary>Commit events (newest <see cref="SourceEventsOptions.PerSource"/>) and draft events of one source.</summary>
    public ImmutableArray<SourceEvent> For(string plugin, string source) => [.. Commits(plugin, source), .. Drafts(plugin, source)];

    private ImmutableArray<SourceEvent> Commits(string plugin, string source)
    {
        var head = store.Current.Head;
        var key = (plugin, source);
        if (_commits.TryGetValue(key, out var cached) && cached.Head == head) return cached.Events;
        var limit = Math.Min(options.Value.PerSource, GitConfigStore.MaxHistoryLimit);
        var events = store.History(new HistoryQuery(plugin, source, limit))
            .Select(entry => new SourceEvent($"c{entry.Sha}", entry.Time, SourceEventKind.Committed)
            {
                Commit = entry.Sha,
                Summary = entry.Summary,
                Author = entry.AuthorName,
                Reason = entry.ChangedSources.FirstOrDefault(c => c.Plugin == plugin && c.Source == source) is { } change ? Change(change.Change) : null,
            })
            .ToImmutableArray();
        // Bounded like the runtime events: when full, start over rather than grow (each entry is read again on demand).
        if (_commits.Count >= options.Value.MaxSources) _commits.Clear();
        _commits[key] = new CachedCommits(head, events);
        return events;
    }

    private ImmutableArray<SourceEvent> Drafts(string plugin, string source) =>
    [
        .. store.DraftsTouching(plugin).Where(d => d.ChangedSources.Contains(source)).Select(d => new SourceEvent($"d{d.Id}@{d.Head}", d.Time, SourceEventKind.Draft)
        {
            Draft = d.Id,
            Commit = d.Head,
            Summary = d.Summary,
            Author = d.AuthorName,
        }),
    ];

    private static string Change(ChangeKind kind) => kind switch
    {
        ChangeKind.Added => "source added",
        ChangeKind.Removed => "source removed",
        _ => "source changed",
    };

    private sealed record CachedCommits(string Head, ImmutableArray<SourceEvent> Events);
}
