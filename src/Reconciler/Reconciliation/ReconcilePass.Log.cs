using Microsoft.Extensions.Logging;

namespace GitOps.Reconciler.Reconciliation;

public sealed partial class ReconcilePass
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Reconciled {SnapshotHash} at {Head}: {Actions} corrections in {ElapsedMs} ms")]
    private static partial void LogReconciled(ILogger logger, string snapshotHash, string head, int actions, long elapsedMs);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Reconciled {SnapshotHash} at {Head}: in step, nothing written, {ElapsedMs} ms")]
    private static partial void LogInStep(ILogger logger, string snapshotHash, string head, long elapsedMs);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reconcile of {SnapshotHash} at {Head} degraded after {Actions} corrections in {ElapsedMs} ms: {Problems}")]
    private static partial void LogDegraded(ILogger logger, string snapshotHash, string head, int actions, long elapsedMs, string problems);

    [LoggerMessage(Level = LogLevel.Error, Message = "Reconcile pass at {Head} failed")]
    private static partial void LogPassFailed(ILogger logger, Exception exception, string head);

    [LoggerMessage(Level = LogLevel.Error, Message = "Reconcile action {Action} for plugin {Plugin} failed")]
    private static partial void LogActionFailed(ILogger logger, Exception exception, string action, string plugin);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Pass for {Reason} asked for a fetch, but no remote is configured")]
    private static partial void LogNoRemote(ILogger logger, string reason);
}
