using GitOps.Reconciler.Plugins;

namespace GitOps.Reconciler.Planning;

/// <summary>How many entities a source has on one side of a plan. A source running with exactly this entry and files (same
/// source hash) answers with its running count; any other is loaded with the dry-run loader the source test uses
/// (<see cref="PluginHost.DryRunAsync"/>): nothing is published or kept.</summary>
internal sealed class SourceCounts(PluginHost host)
{
    /// <summary>The count, or null when the source fails to load; then its errors go to <paramref name="errors"/> (when given).</summary>
    public async Task<int?> CountAsync(PluginSnapshot plugin, SourceConfig source, ICollection<PlanError>? errors, CancellationToken cancellationToken)
    {
        var hash = plugin.SourceHashes.GetValueOrDefault(source.Id, "");
        if (hash.Length > 0 && host.GetSource(plugin.Name, source.Id)?.Status is { State: SourceState.Ready or SourceState.Disabled } running
            && running.AppliedHash == hash)
            return running.EntityCount;
        var result = await host.DryRunAsync(plugin, source, cancellationToken);
        if (result.State != SourceState.Error) return result.EntityCount;
        if (errors is not null)
        {
            var field = $"sources[{plugin.Sources.IndexOf(source)}]";
            foreach (var diagnostic in result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error))
                errors.Add(new PlanError(diagnostic.File ?? $"{SnapshotBuilder.PluginsFolder}/{plugin.Name}/{SnapshotBuilder.SourcesFile}",
                    diagnostic.Line ?? 0, 0, field, $"source '{source.Id}' fails to load: {diagnostic.Message}"));
        }
        return null;
    }
}
