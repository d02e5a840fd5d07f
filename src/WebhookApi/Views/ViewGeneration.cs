using System.Collections.Concurrent;

namespace GitOps.WebhookApi.Views;

/// <summary>What a cached part of a read view is.</summary>
internal enum ViewKind
{
    /// <summary>One item of <c>GET /plugins</c> (JSON bytes).</summary>
    Summary,

    /// <summary><c>GET /plugins/{plugin}</c> (JSON bytes).</summary>
    Plugin,

    /// <summary><c>GET /plugins/{plugin}/sources</c> (JSON bytes).</summary>
    Sources,

    /// <summary>The plugin's search index.</summary>
    Search,
}

/// <param name="Version">The plugin's status version the value was built after.</param>
/// <param name="Revised">Another version of this part was built (and served) under the same head: the head alone no
/// longer tells the versions apart, so <c>If-None-Match</c> on the head cannot answer 304 for it.</param>
internal sealed record ViewPart(long Version, object Value, bool Revised);

/// <summary>The read views of one head: each plugin's parts, keyed by plugin and kind, each valid for one status version
/// of its plugin. Built on first use and dropped with the head (<see cref="ReadViews"/> keeps only the current one).</summary>
internal sealed class ViewGeneration(string head)
{
    private readonly ConcurrentDictionary<(string Plugin, ViewKind Kind), ViewPart> _parts = new();

    public string Head { get; } = head;

    /// <summary>The whole <c>GET /plugins</c> body for a caller who sees every plugin, with the versions it was built from.</summary>
    public FullListView? FullList { get; set; }

    /// <summary>The part for <paramref name="version"/>, built with <paramref name="build"/> when the cached one is of
    /// another version. <paramref name="version"/> must be read before <paramref name="build"/> reads the running state.</summary>
    public T Get<T>(string plugin, ViewKind kind, long version, Func<T> build) where T : class
    {
        var key = (plugin, kind);
        if (_parts.TryGetValue(key, out var cached) && cached.Version == version) return (T)cached.Value;
        var value = build();
        var built = new ViewPart(version, value, Revised: false);
        // Keep the newest version; any second version under this head marks the part revised for good.
        _parts.AddOrUpdate(key, built, (_, old) => old.Version == version
            ? old
            : (old.Version > version ? old : built) with { Revised = true });
        return value;
    }

    /// <summary>Whether the cached part is of <paramref name="version"/> and is the only version served under this head.</summary>
    public bool IsCurrentAndOnly(string plugin, ViewKind kind, long version) =>
        _parts.TryGetValue((plugin, kind), out var cached) && cached.Version == version && !cached.Revised;
}
