using GitOps.Reconciler.Kubernetes;

namespace GitOps.Reconciler.Reconciliation.Steps;

/// <summary>(6) Executes the plan's ConfigMap actions (leader only: the plan has none otherwise): writes what changed,
/// drifted or is missing, prunes what is gone. The writer says what it did; this step only words it.</summary>
internal sealed class WriteConfigMapsStep(IConfigMapTarget? configMaps, ILogger logger) : IReconcileStep
{
    public string Name => "write ConfigMaps";

    public async Task RunAsync(PassState pass, CancellationToken cancellationToken)
    {
        if (configMaps is not { } target) return;
        var desired = pass.DesiredOrThrow;
        await ActionRunner.RunAsync(pass, logger, kind => kind is PlanActionKind.WriteConfigMap or PlanActionKind.PruneConfigMap, async action =>
        {
            if (action.Kind == PlanActionKind.WriteConfigMap)
            {
                var plugin = desired.Plugins[action.Plugin];
                Record(pass, action, await target.EnsureAsync(plugin, desired.Head, cancellationToken), plugin.Hash);
            }
            else
            {
                Record(pass, action, await target.PruneAsync(action.Plugin, desired.Head, cancellationToken), null);
            }
        }, cancellationToken);
    }

    /// <param name="hash">The plugin hash written; null for a prune.</param>
    private static void Record(PassState pass, PlanAction action, ConfigMapOutcome outcome, string? hash)
    {
        var drifted = action.Reason == ActionReason.Drifted;
        switch (outcome)
        {
            case ConfigMapOutcome.TooLarge large:
                pass.Fail(action.Plugin, new TargetFailure.TooLarge(large.Bytes, large.Limit, large.File));
                pass.Actions.Add($"configmap {outcome.Name}: {pass.Failures[action.Plugin].Message}");
                return;
            case ConfigMapOutcome.Failed failed:
                pass.Fail(action.Plugin, new TargetFailure.Refused(failed.Reason));
                pass.Actions.Add($"configmap {outcome.Name}: {pass.Failures[action.Plugin].Message}");
                return;
            case ConfigMapOutcome.Created:
                pass.Actions.Add($"configmap {outcome.Name}: Created{(drifted ? " (was deleted)" : "")}");
                break;
            case ConfigMapOutcome.Corrected corrected:
                pass.Actions.Add(drifted
                    ? $"configmap {outcome.Name}: DriftCorrected ({corrected.Drift})"
                    : $"configmap {outcome.Name}: DriftCorrected ({corrected.Drift}, new commit)");
                break;
            case ConfigMapOutcome.Pruned:
                pass.Actions.Add($"configmap {outcome.Name}: Pruned");
                break;
        }
        pass.ConfigMapAfter[action.Plugin] = hash;
        if (outcome.Wrote) pass.Done.Add(action);
    }
}
