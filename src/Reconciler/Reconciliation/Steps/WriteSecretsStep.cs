using GitOps.Reconciler.Kubernetes;

namespace GitOps.Reconciler.Reconciliation.Steps;

/// <summary>(6b) Delivers decrypted values to each plugin's Secret (leader only, when secrets are delivered to Kubernetes).</summary>
internal sealed class WriteSecretsStep(KubernetesSecretTarget? secrets, LeaderElection election) : IReconcileStep
{
    public string Name => "write Secrets";

    public async Task RunAsync(PassState pass, CancellationToken cancellationToken)
    {
        if (secrets is null || !election.IsLeader) return;
        var synced = await secrets.SyncAsync(pass.DesiredOrThrow, cancellationToken);
        pass.Actions.AddRange(synced.Actions);
        pass.Problems.AddRange(synced.Problems.Select(p => new ReconcileProblem.SecretNotWritten(p)));
    }
}
