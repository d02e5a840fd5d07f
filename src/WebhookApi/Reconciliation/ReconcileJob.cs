using Quartz;

namespace GitOps.WebhookApi.Reconciliation;

/// <summary>The Quartz job that runs a pass every <c>Reconcile:Interval</c>. It also takes any request waiting on the
/// trigger, so that request is served by this pass instead of causing another.</summary>
[DisallowConcurrentExecution]
internal sealed partial class ReconcileJob(ReconcilePass pass, ReconcileTrigger trigger, ILogger<ReconcileJob> logger) : IJob
{
    public static readonly JobKey Key = new("reconcile", "gitops");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var pending = trigger.TryTake();
        var request = pending is null ? new ReconcileRequest("interval", false) : pending with { Reason = $"interval, {pending.Reason}" };
        try
        {
            await pass.RunAsync(request, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Shutting down: a pass never throws to Quartz.
            LogCancelled(logger);
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Reconcile pass cancelled by shutdown")]
    private static partial void LogCancelled(ILogger logger);
}
