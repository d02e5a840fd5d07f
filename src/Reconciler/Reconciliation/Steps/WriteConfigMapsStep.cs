using GitOps.Reconciler.Kubernetes;
using Microsoft.Extensions.Logging;

namespace GitOps.Reconciler.Reconciliation.Steps;

/// <summary>(6) Executes the plan's ConfigMap actions (leader only: the plan has none otherwise): writes what changed,
/// drifted or is missing, prunes what is gone. The writer says what it did; this step only words it.</summary>
internal sealed class WriteConfigMapsStep(IConfigMapTarget? configMaps, ILogger logger) : IReconcileStep
{
    public string Name => "write ConfigMaps";

    public async Task RunAsync(PassState pass, CancellationToken cancellationToken)
    {
        if (configMaps is null) return;
        var desired = pass.DesiredOrThrow;
        foreach (var action in pass.PlanOrThrow.Actions)
        {
            if (action.Kind is not (PlanActionKind.WriteConfigMap or PlanActionKind.PruneConfigMap)) continue;
            try
            {
                if (action.Kind == PlanActionKind.WriteConfigMap)
                {
                    var plugin = desired.Plugins[action.Plugin];
                    Record(pass, action, await configMaps.EnsureAsync(plugin, desired.Head, cancellationToken), plugin.Hash);
                }
                else
                {
                    Record(pass, action, await configMaps.PruneAsync(action.Plugin, desired.Head, cancellationToken), null);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                ReconcileLog.ActionFailed(logger, ex, action.Kind.ToString(), action.Plugin);
                pass.Fail(action.Plugin, new TargetFailure.Threw(action.Kind, ex.Message));
            }
        }
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
