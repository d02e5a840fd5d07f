using System.Collections.Concurrent;
using GitOps.Reconciler.Plugins.Providers;
using GitOps.Reconciler.Secrets;
using Microsoft.Extensions.Logging.Abstractions;

namespace GitOps.Reconciler.Plugins;

/// <summary>The running plugins: one per plugin folder of the applied snapshot, each with its sources.</summary>
/// <remarks>
/// Readers take <see cref="Plugins"/> (one volatile read of an immutable map) and work on what they got; writers
/// load outside any lock and publish with one reference write, so a reader sees a source's old or new state, never
/// half of it. Writes to one plugin are serialised by a per-plugin gate; publishing is a short lock over the map.
/// Only sources whose hash changed are reloaded; the others keep their state and timestamps.
/// </remarks>
/// <param name="secrets">Decrypts the secrets sources refer to (null: sources that refer to secrets fail closed).</param>
/// <param name="metrics">Where the entity gauges go (null: a private registry, for composition without a host).</param>
public sealed class PluginHost(SourceProviderRegistry providers, TimeProvider time, ILogger<PluginHost> logger, SecretCipher? secrets = null, RuntimeMetrics? metrics = null)
{
    private readonly RuntimeMetrics _metrics = metrics ?? new RuntimeMetrics();
    private readonly SourceLoader _loader = new(providers, time, logger, secrets);
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _gates = new(StringComparer.Ordinal);
    private readonly Lock _publishLock = new();
    private volatile ImmutableSortedDictionary<string, RunningPlugin> _plugins = ImmutableSortedDictionary.Create<string, RunningPlugin>(StringComparer.Ordinal);
    private volatile ImmutableDictionary<string, long> _statusVersions = ImmutableDictionary.Create<string, long>(StringComparer.Ordinal);
    private long _lastStatusVersion;

    /// <summary>A host with the yaml provider only, on the system clock (for tools and tests that need no DI).</summary>
    public PluginHost() : this(new SourceProviderRegistry([new YamlSourceProvider(YamlLimits.Default)]), TimeProvider.System, NullLogger<PluginHost>.Instance)
    {
    }

    /// <summary>The running plugins by name, as one consistent immutable view.</summary>
    public ImmutableSortedDictionary<string, RunningPlugin> Plugins => _plugins;

    public SourceProviderRegistry Providers => providers;

    /// <summary>The runtime's metrics (refresh counts, entity gauges).</summary>
    public RuntimeMetrics Metrics => _metrics;

    /// <summary>Raised after a plugin's running state was swapped (before/after; null when absent), outside any lock.
    /// Handlers must be quick and must not throw: they run on the writer's thread.</summary>
    public event Action<RunningPlugin?, RunningPlugin?>? Published;

    /// <summary>The plugin hash the running plugin applied as a whole, or null when it is not running.</summary>
    public string? GetAppliedHash(string plugin) => _plugins.GetValueOrDefault(plugin)?.AppliedHash;

    public RunningPlugin? GetPlugin(string plugin) => _plugins.GetValueOrDefault(plugin);

    public LoadedSource? GetSource(string plugin, string sourceId) => _plugins.GetValueOrDefault(plugin)?.FindSource(sourceId);

    public SourceStatus? GetSourceStatus(string plugin, string sourceId) => GetSource(plugin, sourceId)?.Status;

    /// <summary>The plugin's status version: it changes whenever anything the plugin's running state shows changes (a
    /// source loaded, turned Ready or failed, a refresh, the applied hash, removal), and never repeats (0: never published).</summary>
    /// <remarks>Read it before the state it describes: a reader that sees a version also sees at least that state, so a view
    /// built after reading version <c>v</c> is never older than <c>v</c> (read views are cached by it).</remarks>
    public long GetStatusVersion(string plugin) => _statusVersions.GetValueOrDefault(plugin);

    /// <summary>Applies a snapshot: plugins whose hash changed are applied (see <see cref="ApplyPluginAsync"/>),
    /// plugins that are gone are removed, the rest are not touched.</summary>
    public async Task ApplyAsync(ConfigSnapshot snapshot, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        foreach (var plugin in snapshot.Plugins.Values)
            if (GetAppliedHash(plugin.Name) != plugin.Hash)
                await ApplyPluginAsync(plugin, cancellationToken);
        foreach (var gone in _plugins.Keys.Where(name => !snapshot.Plugins.ContainsKey(name)).ToList())
            await RemovePluginAsync(gone, cancellationToken);
    }

    /// <summary>(Re-)initialises one plugin from any plugin snapshot: sources whose hash differs from the running one
    /// are reloaded, sources that are gone are dropped, and the plugin's applied hash becomes <paramref name="plugin"/>'s.</summary>
    /// <remarks>The reconcile job uses this to correct drift; a test can pass a tampered snapshot to create drift.</remarks>
    public Task<RunningPlugin> ApplyPluginAsync(PluginSnapshot plugin, CancellationToken cancellationToken = default) =>
        ApplyPluginCoreAsync(plugin, reloadAll: false, cancellationToken);

    /// <summary>Reloads every source of the plugin from <paramref name="plugin"/>, changed or not (REST plugin refresh).</summary>
    public Task<RunningPlugin> RefreshPluginAsync(PluginSnapshot plugin, CancellationToken cancellationToken = default) =>
        ApplyPluginCoreAsync(plugin, reloadAll: true, cancellationToken);

    /// <summary>Reloads one source from <paramref name="plugin"/> and swaps it in; no other source is touched and the
    /// plugin's applied hash stays as it was. Returns null when the snapshot has no such source.</summary>
    public async Task<LoadedSource?> RefreshSourceAsync(PluginSnapshot plugin, string sourceId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(plugin);
        if (plugin.FindSource(sourceId) is not { } source) return null;
        if (GetPlugin(plugin.Name) is null)
            return (await ApplyPluginAsync(plugin, cancellationToken)).FindSource(sourceId);
        var gate = Gate(plugin.Name);
        await gate.WaitAsync(cancellationToken);
        try
        {
            var loaded = await _loader.LoadAsync(plugin, source, plugin.SourceHashes.GetValueOrDefault(sourceId, ""), cancellationToken);
            Publish(plugin.Name, running => running is null ? null : running with
            {
                Sources = running.FindSource(sourceId) is { } old ? running.Sources.Replace(old, loaded) : running.Sources.Add(loaded),
            });
            return loaded;
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Loads a source config in isolation against a plugin's files. Nothing is published or kept.</summary>
    public async Task<DryRunResult> DryRunAsync(PluginSnapshot plugin, SourceConfig source, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(plugin);
        ArgumentNullException.ThrowIfNull(source);
        // A dry run publishes nothing, so it has no applied hash.
        var loaded = await _loader.LoadAsync(plugin, source, appliedHash: "", cancellationToken);
        return new DryRunResult(
            loaded.Status.State,
            loaded.Status.EntityCount,
            [.. loaded.Entities.Take(DryRunResult.FirstEntitiesShown).Select(e => e.Name)],
            loaded.Status.Diagnostics);
    }

    private async Task<RunningPlugin> ApplyPluginCoreAsync(PluginSnapshot plugin, bool reloadAll, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plugin);
        var gate = Gate(plugin.Name);
        await gate.WaitAsync(cancellationToken);
        try
        {
            var running = GetPlugin(plugin.Name);
            var kept = new Dictionary<string, LoadedSource>(StringComparer.Ordinal);
            var toLoad = new List<SourceConfig>();
            foreach (var source in plugin.Sources)
            {
                var hash = plugin.SourceHashes.GetValueOrDefault(source.Id, "");
                if (!reloadAll && running?.FindSource(source.Id) is { } current && current.Status.AppliedHash == hash && hash.Length > 0)
                    kept[source.Id] = current;
                else
                    toLoad.Add(source);
            }

            // Sources with no state yet show Loading meanwhile; sources being reloaded keep serving their old state.
            var placeholders = toLoad.Where(s => running?.FindSource(s.Id) is null).ToList();
            if (placeholders.Count > 0)
                Publish(plugin.Name, r => r is null
                    ? new RunningPlugin(plugin.Name, "", plugin, [.. placeholders.Select(s => SourceLoader.Loading(plugin, s))])
                    : r with { Sources = r.Sources.AddRange(placeholders.Select(s => SourceLoader.Loading(plugin, s))) });

            var loaded = await Task.WhenAll(toLoad.Select(s => _loader.LoadAsync(plugin, s, plugin.SourceHashes.GetValueOrDefault(s.Id, ""), cancellationToken)));
            foreach (var source in loaded) kept[source.Id] = source;
            var next = new RunningPlugin(plugin.Name, plugin.Hash, plugin, [.. plugin.Sources.Select(s => kept[s.Id])]);
            Publish(plugin.Name, _ => next);
            return next;
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Stops one running plugin (its plugin folder is gone from the repository).</summary>
    public async Task RemovePluginAsync(string name, CancellationToken cancellationToken = default)
    {
        var gate = Gate(name);
        await gate.WaitAsync(cancellationToken);
        try
        {
            Publish(name, _ => null);
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Swaps one plugin's entry in the map (one reference write) and keeps the entity gauges in step.</summary>
    private void Publish(string name, Func<RunningPlugin?, RunningPlugin?> update)
    {
        RunningPlugin? before, after;
        lock (_publishLock)
        {
            before = _plugins.GetValueOrDefault(name);
            after = update(before);
            _plugins = after is null ? _plugins.Remove(name) : _plugins.SetItem(name, after);
            // After the state: a reader that sees the new version also sees the new state (see GetStatusVersion).
            _statusVersions = _statusVersions.SetItem(name, ++_lastStatusVersion);
            foreach (var source in before?.Sources ?? [])
                if (after?.FindSource(source.Id) is null) _metrics.RemoveEntities(name, source.Id);
            foreach (var source in after?.Sources ?? [])
                _metrics.SetEntities(name, source.Id, source.Status.EntityCount);
        }
        Published?.Invoke(before, after);
    }

    private SemaphoreSlim Gate(string plugin) => _gates.GetOrAdd(plugin, _ => new SemaphoreSlim(1, 1));
}
