namespace GitOps.Reconciler.Reconciliation;

/// <summary>The reconcile pass's log messages (category <see cref="ReconcilePass"/>).</summary>
internal static partial class ReconcileLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Reconciled {SnapshotHash} at {Head}: {Actions} corrections in {ElapsedMs} ms")]
    public static partial void Reconciled(ILogger logger, string snapshotHash, string head, int actions, long elapsedMs);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Reconciled {SnapshotHash} at {Head}: in step, nothing written, {ElapsedMs} ms")]
    public static partial void InStep(ILogger logger, string snapshotHash, string head, long elapsedMs);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reconcile of {SnapshotHash} at {Head} degraded after {Actions} corrections in {ElapsedMs} ms: {Problems}")]
    public static partial void Degraded(ILogger logger, string snapshotHash, string head, int actions, long elapsedMs, string problems);

    [LoggerMessage(Level = LogLevel.Error, Message = "Reconcile pass at {Head} failed in step {Step}")]
    public static partial void StepFailed(ILogger logger, Exception exception, string head, string step);

    [LoggerMessage(Level = LogLevel.Error, Message = "Reconcile action {Action} for plugin {Plugin} failed")]
    public static partial void ActionFailed(ILogger logger, Exception exception, string action, string plugin);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Pass for {Reason} asked for a fetch, but no remote is configured")]
    public static partial void NoRemote(ILogger logger, string reason);
}
