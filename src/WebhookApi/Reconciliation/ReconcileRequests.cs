using GitOps.Reconciler.Kubernetes;

namespace GitOps.WebhookApi.Reconciliation;

/// <summary>
/// Runs the start-up pass before the host serves, then a pass for every (coalesced) request on the
/// <see cref="ReconcileTrigger"/>: commits the service makes, webhooks, <c>POST /reconcile</c>, and this replica becoming leader.
/// </summary>
/// <remarks>Each pass is awaited before the next request is taken, so any number of requests that arrive during a pass
/// make exactly one more pass. Passes never overlap with the interval job's: <see cref="ReconcilePass"/> serialises them.
/// A snapshot change asks for its head only: when a pass already applied that head (the pass's own fetch moved the store
/// there), no further pass runs, so a remote change costs one pass and one fetch.</remarks>
internal sealed partial class ReconcileRequests(
    ReconcilePass pass,
    ReconcileTrigger trigger,
    GitConfigStore store,
    LeaderElection election,
    ILogger<ReconcileRequests> logger) : BackgroundService
{
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        store.SnapshotChanged += OnSnapshotChanged;
        election.Changed += OnLeadershipChanged;
        var report = await pass.RunAsync(new ReconcileRequest("start-up", false), cancellationToken);
        LogStartUp(logger, report.Outcome, report.AppliedHead ?? "");
        await base.StartAsync(cancellationToken);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        store.SnapshotChanged -= OnSnapshotChanged;
        election.Changed -= OnLeadershipChanged;
        await base.StopAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                var request = await trigger.WaitAsync(stoppingToken);
                if (request.IsServedBy(pass.AppliedHead))
                {
                    LogAlreadyApplied(logger, request.Reason, request.Head!);
                    continue;
                }
                await pass.RunAsync(request, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private void OnSnapshotChanged(ConfigSnapshot snapshot) => trigger.Request(new ReconcileRequest("commit", false) { Head = snapshot.Head });

    private void OnLeadershipChanged(object? sender, LeadershipChange change)
    {
        if (change.IsLeader) trigger.Request(new ReconcileRequest("leader", false));
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "No pass for {Reason}: head {Head} is already applied")]
    private static partial void LogAlreadyApplied(ILogger logger, string reason, string head);

    [LoggerMessage(Level = LogLevel.Information, Message = "Start-up reconcile pass {Outcome}; applied head {Head}")]
    private static partial void LogStartUp(ILogger logger, ReconcileOutcome outcome, string head);
}
