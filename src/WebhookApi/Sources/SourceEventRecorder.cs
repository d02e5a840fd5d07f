using System.Globalization;

namespace GitOps.WebhookApi.Sources;

/// <summary>Remembers what happened to each running source, from the plugin host's published states: state transitions
/// with their reasons, and refreshes (a reload of the same configuration). Bounded per source and in sources
/// (<see cref="SourceEventsOptions"/>); in memory only, so a restart starts it empty (commits and drafts come from git:
/// <see cref="SourceEventHistory"/>).</summary>
internal sealed class SourceEventRecorder : IDisposable
{
    private readonly PluginHost _host;
    private readonly TimeProvider _time;
    private readonly SourceEventsOptions _options;
    private readonly Lock _lock = new();
    private readonly Dictionary<(string Plugin, string Source), Queue<SourceEvent>> _events = [];
    private long _sequence;

    public SourceEventRecorder(PluginHost host, IOptions<SourceEventsOptions> options, TimeProvider time)
    {
        _host = host;
        _time = time;
        _options = options.Value;
        host.Published += OnPublished;
    }

    /// <summary>The runtime events of one source, oldest first.</summary>
    public ImmutableArray<SourceEvent> For(string plugin, string source)
    {
        lock (_lock) return _events.TryGetValue((plugin, source), out var queue) ? [.. queue] : [];
    }

    public void Dispose() => _host.Published -= OnPublished;

    // Runs on the publishing thread: quick, and never throws into the host.
    private void OnPublished(RunningPlugin? before, RunningPlugin? after)
    {
        var plugin = after?.Name ?? before?.Name ?? "";
        foreach (var source in after?.Sources ?? [])
        {
            var old = before?.FindSource(source.Id);
            if (!ReferenceEquals(old, source)) Observe(plugin, source.Id, old?.Status, source.Status);
        }
        foreach (var gone in before?.Sources ?? [])
            if (after?.FindSource(gone.Id) is null)
                Add(plugin, gone.Id, SourceEventKind.StateChanged, e => e with { PreviousState = gone.Status.State, Reason = "removed from the running configuration" });
    }

    private void Observe(string plugin, string source, SourceStatus? old, SourceStatus now)
    {
        if (old is null || old.State != now.State)
            Add(plugin, source, SourceEventKind.StateChanged, e => e with { State = now.State, PreviousState = old?.State, Reason = Reason(old, now) });
        // Loaded again from the same configuration: a refresh (of the source or its plugin), not a change.
        if (old is not null && now.AppliedHash.Length > 0 && old.AppliedHash == now.AppliedHash && old.LastRefreshedAt != now.LastRefreshedAt)
            Add(plugin, source, SourceEventKind.Refreshed, e => e with { State = now.State, Reason = Outcome(now) });
    }

    private static string Reason(SourceStatus? old, SourceStatus now)
    {
        var outcome = Outcome(now);
        // A first load (from the Loading placeholder) is not a change of configuration.
        var changed = old is { State: not SourceState.Loading, AppliedHash.Length: > 0 } && old.AppliedHash != now.AppliedHash;
        return changed ? $"configuration changed: {outcome}" : outcome;
    }

    private static string Outcome(SourceStatus status) => status.State switch
    {
        SourceState.Ready => $"loaded {status.EntityCount.ToString(CultureInfo.InvariantCulture)} entities",
        SourceState.Disabled => "disabled in sources.yaml",
        SourceState.Loading => "loading",
        _ => status.Diagnostics.FirstOrDefault(d => d.Severity == DiagnosticSeverity.Error)?.Message ?? "loading failed",
    };

    private void Add(string plugin, string source, SourceEventKind kind, Func<SourceEvent, SourceEvent> fill)
    {
        lock (_lock)
        {
            var key = (plugin, source);
            if (!_events.TryGetValue(key, out var queue))
            {
                if (_events.Count >= _options.MaxSources) DropOldestSource();
                _events[key] = queue = new Queue<SourceEvent>();
            }
            var sequence = ++_sequence;
            queue.Enqueue(fill(new SourceEvent($"r{sequence.ToString("D19", CultureInfo.InvariantCulture)}", _time.GetUtcNow(), kind)));
            while (queue.Count > _options.PerSource) queue.Dequeue();
        }
    }

    /// <summary>Drops the source whose newest event is the oldest (called under the lock, only when full).</summary>
    private void DropOldestSource()
    {
        var oldest = _events.MinBy(pair => pair.Value.Count == 0 ? "" : pair.Value.Last().Key).Key;
        _events.Remove(oldest);
    }
}
