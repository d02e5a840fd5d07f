using GitOps.Reconciler.Plugins;

namespace GitOps.Reconciler.Reconciliation.Steps;

/// <summary>(7) Records the outcome per plugin, and what each target was brought to (the next pass tells drift from a new
/// commit by it): what the executed actions did, and the targets that were already in step.</summary>
internal sealed class ReportStep(PluginHost host) : IReconcileStep
{
    public string Name => "report";

    public Task RunAsync(PassState pass, CancellationToken cancellationToken)
    {
        var plan = pass.PlanOrThrow;
        var applied = pass.Last.Applied;
        var written = pass.Last.Written;
        foreach (var action in pass.Done)
        {
            if (action.Kind == PlanActionKind.ApplyPlugin) applied = applied.SetItem(action.Plugin, pass.DesiredOrThrow.Plugins[action.Plugin].Hash);
            else if (action.Kind == PlanActionKind.RemovePlugin) applied = applied.Remove(action.Plugin);
        }
        foreach (var (plugin, hash) in pass.ConfigMapAfter)
            written = hash is null ? written.Remove(plugin) : written.SetItem(plugin, hash);
        foreach (var drift in plan.Plugins)
        {
            if (drift.DesiredHash is null) continue;
            if (drift.PluginReason is null) applied = applied.SetItem(drift.Plugin, drift.DesiredHash);
            if (plan.ConfigMapsChecked && drift.ConfigMapReason is null) written = written.SetItem(drift.Plugin, drift.DesiredHash);
        }
        pass.Last = new AppliedTargets(applied, written);

        pass.Plugins = [.. plan.Plugins.Select(d => new PluginReconcileState(
            d.Plugin,
            d.DesiredHash,
            host.GetAppliedHash(d.Plugin),
            pass.ConfigMapAfter.TryGetValue(d.Plugin, out var after) ? after : d.ConfigMapHash,
            d.PluginDrifted,
            d.ConfigMapDrifted,
            pass.Failures.GetValueOrDefault(d.Plugin)))];
        return Task.CompletedTask;
    }
}
