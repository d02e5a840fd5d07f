using System.Collections.Immutable;
using GitOps.Reconciler.Configuration;
using GitOps.Reconciler.Kubernetes;
using GitOps.Reconciler.Observability;

namespace GitOps.Reconciler.Reconciliation;

public sealed partial class ReconcilePass
{
    private sealed record Execution(ImmutableArray<string> Actions, ImmutableArray<PluginReconcileState> Plugins, ImmutableArray<string> Problems, bool PluginFailed);

    /// <summary>Runs the plan's actions one plugin at a time; a failure is recorded against its plugin and the rest go on.</summary>
    private async Task<Execution> ExecuteAsync(ReconcilePlan plan, ConfigSnapshot desired,
        ImmutableSortedDictionary<string, ManagedConfigMap>? observed, CancellationToken cancellationToken)
    {
        var actions = ImmutableArray.CreateBuilder<string>();
        var problems = ImmutableArray.CreateBuilder<string>();
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        var configMapAfter = new Dictionary<string, string?>(StringComparer.Ordinal);
        var pluginFailed = false;
        var applied = _applied;
        var written = _written;
        var appliedBefore = _applied;
        var writtenBefore = _written;

        foreach (var action in plan.Actions)
        {
            var name = action.Plugin;
            try
            {
                switch (action.Kind)
                {
                    case PlanActionKind.ApplyPlugin:
                        actions.Add(await ApplyPluginAsync(desired.Plugins[name], applied, cancellationToken));
                        applied = applied.SetItem(name, desired.Plugins[name].Hash);
                        break;
                    case PlanActionKind.RemovePlugin:
                        await host.RemovePluginAsync(name, cancellationToken);
                        applied = applied.Remove(name);
                        actions.Add($"{name}: running plugin removed (gone from the repository)");
                        break;
                    case PlanActionKind.WriteConfigMap:
                        var plugin = desired.Plugins[name];
                        var wasInStep = written.TryGetValue(name, out var last) ? last == plugin.Hash : observed?.GetValueOrDefault(name)?.AnnotatedHash == plugin.Hash;
                        var outcome = await configMaps!.EnsureAsync(plugin, desired.Head, cancellationToken);
                        actions.AddRange(Describe(outcome, wasInStep));
                        if (outcome is ConfigMapOutcome.Unchanged or ConfigMapOutcome.Created or ConfigMapOutcome.Corrected)
                        {
                            configMapAfter[name] = plugin.Hash;
                            written = written.SetItem(name, plugin.Hash);
                        }
                        else
                        {
                            errors[name] = Error(outcome);
                            problems.Add($"{name}: {errors[name]}");
                        }
                        break;
                    case PlanActionKind.PruneConfigMap:
                        var pruned = await configMaps!.PruneAsync(name, desired.Head, cancellationToken);
                        actions.AddRange(Describe(pruned, wasInStep: false));
                        if (pruned is ConfigMapOutcome.Failed)
                        {
                            errors[name] = Error(pruned);
                            problems.Add($"{name}: {errors[name]}");
                        }
                        else
                        {
                            configMapAfter[name] = null;
                            written = written.Remove(name);
                        }
                        break;
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                // One plugin failing does not stop the others (DESIGN §6).
                LogActionFailed(logger, ex, action.Kind.ToString(), name);
                errors[name] = $"{action.Kind} failed: {ex.Message}";
                problems.Add($"{name}: {errors[name]}");
                if (action.Kind is PlanActionKind.ApplyPlugin or PlanActionKind.RemovePlugin) pluginFailed = true;
            }
        }

        // Plugins that were already in step are what we last brought them to.
        foreach (var drift in plan.Plugins)
        {
            if (drift.DesiredHash is null) continue;
            if (!drift.PluginDrifted) applied = applied.SetItem(drift.Plugin, drift.DesiredHash);
            if (plan.ConfigMapsChecked && !drift.ConfigMapDrifted) written = written.SetItem(drift.Plugin, drift.DesiredHash);
        }
        _applied = applied;
        _written = written;

        var states = plan.Plugins.Select(d => new PluginReconcileState(
            d.Plugin,
            d.DesiredHash,
            host.GetAppliedHash(d.Plugin),
            configMapAfter.TryGetValue(d.Plugin, out var after) ? after : d.ConfigMapHash,
            PluginMovedAway(d, appliedBefore),
            ConfigMapMovedAway(d, writtenBefore, observed),
            errors.GetValueOrDefault(d.Plugin))).ToImmutableArray();
        return new Execution(actions.ToImmutable(), states, problems.ToImmutable(), pluginFailed);
    }

    /// <summary>Drift is a target that moved away from what this replica applied to it, not a target behind a new
    /// commit: the running plugin holds a hash other than the one last applied to it.</summary>
    private static bool PluginMovedAway(PluginDrift d, ImmutableDictionary<string, string> appliedBefore) =>
        d.PluginDrifted && d.RunningHash is not null && !(appliedBefore.TryGetValue(d.Plugin, out var last) && last == d.RunningHash);

    /// <summary>The ConfigMap's content differs from what this replica last wrote (edited or deleted behind its back);
    /// after a restart, from the hash annotation it was written with.</summary>
    private static bool ConfigMapMovedAway(PluginDrift d, ImmutableDictionary<string, string> writtenBefore, ImmutableSortedDictionary<string, ManagedConfigMap>? observed)
    {
        if (!d.ConfigMapDrifted) return false;
        if (writtenBefore.TryGetValue(d.Plugin, out var written)) return d.ConfigMapHash != written;
        return d.ConfigMapHash is not null && observed?.GetValueOrDefault(d.Plugin)?.AnnotatedHash != d.ConfigMapHash;
    }

    private async Task<string> ApplyPluginAsync(PluginSnapshot plugin, ImmutableDictionary<string, string> applied, CancellationToken cancellationToken)
    {
        var running = host.GetAppliedHash(plugin.Name);
        // Drift: the running plugin holds something other than what this replica last applied to it.
        var drift = running is not null && !(applied.TryGetValue(plugin.Name, out var last) && last == running);
        await host.ApplyPluginAsync(plugin, cancellationToken);
        if (drift) GitOpsMetrics.CountDrift(DriftTarget.Plugin);
        var what = running is null ? "running plugin started"
            : drift ? "running plugin re-initialised (drift)"
            : $"running plugin updated to {Short(plugin.Hash)}";
        return $"{plugin.Name}: {what}";
    }

    private static IEnumerable<string> Describe(ConfigMapOutcome outcome, bool wasInStep)
    {
        switch (outcome)
        {
            case ConfigMapOutcome.Created:
                if (wasInStep) GitOpsMetrics.CountDrift(DriftTarget.ConfigMap);
                yield return $"configmap {outcome.Name}: Created{(wasInStep ? " (was deleted)" : "")}";
                break;
            case ConfigMapOutcome.Corrected corrected:
                if (wasInStep) GitOpsMetrics.CountDrift(DriftTarget.ConfigMap);
                yield return wasInStep
                    ? $"configmap {outcome.Name}: DriftCorrected ({corrected.Drift})"
                    : $"configmap {outcome.Name}: DriftCorrected ({corrected.Drift}, new commit)";
                break;
            case ConfigMapOutcome.Pruned:
                yield return $"configmap {outcome.Name}: Pruned";
                break;
            case ConfigMapOutcome.TooLarge or ConfigMapOutcome.Failed:
                yield return $"configmap {outcome.Name}: {Error(outcome)}";
                break;
        }
    }

    private static string Error(ConfigMapOutcome outcome) => outcome switch
    {
        ConfigMapOutcome.TooLarge { File: { } file } large => $"TooLarge: file {file} is {large.Bytes} bytes, over the ConfigMap limit of {large.Limit}",
        ConfigMapOutcome.TooLarge large => $"TooLarge: {large.Bytes} bytes exceed the ConfigMap limit of {large.Limit}",
        ConfigMapOutcome.Failed failed => $"Failed: {failed.Reason}",
        _ => outcome.GetType().Name,
    };

    private static string Short(string hash) => hash.Length > 12 ? hash[..12] : hash;
}
