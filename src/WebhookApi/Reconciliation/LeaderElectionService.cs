using GitOps.Reconciler.Kubernetes;

namespace GitOps.WebhookApi.Reconciliation;

/// <summary>Campaigns for the Lease while the host runs and releases it on shutdown (always leader without Kubernetes).</summary>
internal sealed class LeaderElectionService(LeaderElection election) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => election.RunAsync(stoppingToken);
}
