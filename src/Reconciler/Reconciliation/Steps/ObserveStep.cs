using GitOps.Reconciler.Kubernetes;

namespace GitOps.Reconciler.Reconciliation.Steps;

/// <summary>(3) Lists the managed ConfigMaps when they are ours to check (Kubernetes on, this replica leads).</summary>
internal sealed class ObserveStep(IConfigMapTarget? configMaps, LeaderElection election) : IReconcileStep
{
    public string Name => "observe";

    public async Task RunAsync(PassState pass, CancellationToken cancellationToken)
    {
        if (configMaps is null || !election.IsLeader)
        {
            // Another replica writes them meanwhile; what we wrote before says nothing about them any more.
            pass.Last = pass.Last with { Written = pass.Last.Written.Clear() };
            return;
        }
        switch (await configMaps.ListAsync(cancellationToken))
        {
            case ConfigMapListing.Listed listed:
                pass.Observed = listed.ByPlugin;
                break;
            case ConfigMapListing.Unavailable unavailable:
                pass.Problems.Add(new ReconcileProblem.ConfigMapsNotChecked(unavailable.Reason));
                break;
            default:
                throw new InvalidOperationException("unknown ConfigMap listing");
        }
    }
}
