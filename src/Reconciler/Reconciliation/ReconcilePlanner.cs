namespace GitOps.Reconciler.Reconciliation;

/// <summary>Computes a <see cref="ReconcilePlan"/>: compares the desired snapshot with what the running plugins and
/// the ConfigMaps hold, and with what this replica last brought them to. The one place drift is decided: the executor
/// only executes the actions, each with its <see cref="ActionReason"/>. Pure and allocation-light, so a no-op pass over
/// thousands of sources stays cheap.</summary>
internal static class ReconcilePlanner
{
    /// <param name="desired">The snapshot at the branch head (or the last good one).</param>
    /// <param name="running">Applied hash per running plugin.</param>
    /// <param name="configMaps">Observed ConfigMaps, or null when they are not ours to check (Kubernetes off, not the leader).</param>
    /// <param name="last">What this replica last applied and wrote; null: nothing known (the ConfigMap annotations say what was written).</param>
    public static ReconcilePlan Plan(ConfigSnapshot desired, IReadOnlyDictionary<string, string> running, TargetObservation? configMaps, AppliedTargets? last = null)
    {
        ArgumentNullException.ThrowIfNull(desired);
        ArgumentNullException.ThrowIfNull(running);
        last ??= AppliedTargets.None;
        var drift = ImmutableArray.CreateBuilder<PluginDrift>(desired.Plugins.Count);
        var actions = ImmutableArray.CreateBuilder<PlanAction>();

        foreach (var (name, plugin) in desired.Plugins)
        {
            var runningHash = running.GetValueOrDefault(name);
            // A plugin that is not running is started: only this process starts or stops its plugins.
            var pluginReason = Reason(plugin.Hash, runningHash, runningHash is null ? null : last.Applied.GetValueOrDefault(name));
            var configMapHash = configMaps is null ? null : ConfigMapHash(configMaps, name, plugin.Hash);
            var configMapReason = configMaps is null ? null
                : Reason(plugin.Hash, configMapHash, last.Written.TryGetValue(name, out var written) ? written : configMaps.AnnotationOf(name));
            drift.Add(new PluginDrift(name, plugin.Hash, runningHash, configMapHash, pluginReason, configMapReason));
            if (pluginReason is { } p) actions.Add(new PlanAction(PlanActionKind.ApplyPlugin, name, p));
            if (configMapReason is { } c) actions.Add(new PlanAction(PlanActionKind.WriteConfigMap, name, c));
        }

        foreach (var (name, runningHash) in running.Where(r => !desired.Plugins.ContainsKey(r.Key)).OrderBy(r => r.Key, StringComparer.Ordinal))
        {
            var configMapHash = configMaps?.HashByPlugin.GetValueOrDefault(name);
            drift.Add(new PluginDrift(name, null, runningHash, configMapHash, ActionReason.Gone, configMapHash is null ? null : ActionReason.Gone));
            actions.Add(new PlanAction(PlanActionKind.RemovePlugin, name, ActionReason.Gone));
        }

        if (configMaps is not null)
        {
            foreach (var name in configMaps.HashByPlugin.Keys.Where(n => !desired.Plugins.ContainsKey(n)).OrderBy(n => n, StringComparer.Ordinal))
            {
                if (!running.ContainsKey(name))
                    drift.Add(new PluginDrift(name, null, null, configMaps.HashByPlugin[name], null, ActionReason.Gone));
                actions.Add(new PlanAction(PlanActionKind.PruneConfigMap, name, ActionReason.Gone));
            }
        }

        return new ReconcilePlan(drift.ToImmutable(), actions.ToImmutable(), configMaps is not null);
    }

    /// <summary>Null when the target holds the desired hash; else whether the repository moved on (the target holds what it
    /// was last brought to), the target moved away from that (drift), or it holds nothing we know of.</summary>
    private static ActionReason? Reason(string desired, string? holds, string? lastBroughtTo)
    {
        if (holds == desired) return null;
        if (holds is null) return lastBroughtTo is null ? ActionReason.Missing : ActionReason.Drifted;
        return holds == lastBroughtTo ? ActionReason.Changed : ActionReason.Drifted;
    }

    /// <summary>The hash a ConfigMap really holds: its data's hash, or, when the data is right but the hash annotation is
    /// not, the annotation (so that drift shows too; "" when the annotation was removed).</summary>
    private static string? ConfigMapHash(TargetObservation observed, string plugin, string desired)
    {
        if (observed.HashByPlugin.GetValueOrDefault(plugin) is not { } content) return null;
        return content == desired && observed.AnnotationOf(plugin) != desired ? observed.AnnotationOf(plugin) ?? "" : content;
    }
}
