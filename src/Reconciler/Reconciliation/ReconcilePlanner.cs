using System.Collections.Immutable;
using GitOps.Reconciler.Configuration;

namespace GitOps.Reconciler.Reconciliation;

/// <summary>Computes a <see cref="ReconcilePlan"/>: compares the desired snapshot with what the running plugins and
/// the ConfigMaps hold. Pure and allocation-light, so a no-op pass over thousands of sources stays cheap.</summary>
internal static class ReconcilePlanner
{
    /// <param name="desired">The snapshot at the branch head (or the last good one).</param>
    /// <param name="running">Applied hash per running plugin.</param>
    /// <param name="configMaps">Observed ConfigMaps, or null when they are not ours to check (Kubernetes off, not the leader).</param>
    public static ReconcilePlan Plan(ConfigSnapshot desired, IReadOnlyDictionary<string, string> running, TargetObservation? configMaps)
    {
        ArgumentNullException.ThrowIfNull(desired);
        ArgumentNullException.ThrowIfNull(running);
        var drift = ImmutableArray.CreateBuilder<PluginDrift>(desired.Plugins.Count);
        var actions = ImmutableArray.CreateBuilder<PlanAction>();

        foreach (var (name, plugin) in desired.Plugins)
        {
            var runningHash = running.GetValueOrDefault(name);
            var configMapHash = configMaps?.HashByPlugin.GetValueOrDefault(name);
            var pluginDrifted = runningHash != plugin.Hash;
            var configMapDrifted = configMaps is not null && configMapHash != plugin.Hash;
            drift.Add(new PluginDrift(name, plugin.Hash, runningHash, configMapHash, pluginDrifted, configMapDrifted));
            if (pluginDrifted) actions.Add(new PlanAction(PlanActionKind.ApplyPlugin, name));
            if (configMapDrifted) actions.Add(new PlanAction(PlanActionKind.WriteConfigMap, name));
        }

        foreach (var (name, runningHash) in running.Where(r => !desired.Plugins.ContainsKey(r.Key)).OrderBy(r => r.Key, StringComparer.Ordinal))
        {
            var configMapHash = configMaps?.HashByPlugin.GetValueOrDefault(name);
            drift.Add(new PluginDrift(name, null, runningHash, configMapHash, true, configMapHash is not null));
            actions.Add(new PlanAction(PlanActionKind.RemovePlugin, name));
        }

        if (configMaps is not null)
        {
            foreach (var name in configMaps.HashByPlugin.Keys.Where(n => !desired.Plugins.ContainsKey(n)).OrderBy(n => n, StringComparer.Ordinal))
            {
                if (!running.ContainsKey(name))
                    drift.Add(new PluginDrift(name, null, null, configMaps.HashByPlugin[name], false, true));
                actions.Add(new PlanAction(PlanActionKind.PruneConfigMap, name));
            }
        }

        return new ReconcilePlan(drift.ToImmutable(), actions.ToImmutable(), configMaps is not null);
    }
}
