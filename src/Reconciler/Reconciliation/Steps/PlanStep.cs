using GitOps.Reconciler.Plugins;

namespace GitOps.Reconciler.Reconciliation.Steps;

/// <summary>(4) Plans: <see cref="ReconcilePlanner"/> decides every action and its reason from what the targets hold and
/// what this replica last brought them to.</summary>
internal sealed class PlanStep(PluginHost host) : IReconcileStep
{
    public string Name => "plan";

    public Task RunAsync(PassState pass, CancellationToken cancellationToken)
    {
        var running = host.Plugins.ToDictionary(p => p.Key, p => p.Value.AppliedHash, StringComparer.Ordinal);
        var observed = pass.Observed is { } listed ? TargetObservation.Of(listed) : null;
        pass.Plan = ReconcilePlanner.Plan(pass.DesiredOrThrow, running, observed, pass.Last);
        return Task.CompletedTask;
    }
}
