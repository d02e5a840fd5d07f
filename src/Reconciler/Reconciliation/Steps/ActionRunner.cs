namespace GitOps.Reconciler.Reconciliation.Steps;

/// <summary>Runs the plan's actions of some kinds in plan order. An action that throws is recorded against its plugin
/// (<see cref="TargetFailure.Threw"/>) and the rest go on: one plugin failing does not stop the others (DESIGN §6).</summary>
internal static class ActionRunner
{
    /// <returns>How many actions threw.</returns>
    public static async Task<int> RunAsync(PassState pass, ILogger logger, Func<PlanActionKind, bool> kinds,
        Func<PlanAction, Task> run, CancellationToken cancellationToken)
    {
        var failed = 0;
        foreach (var action in pass.PlanOrThrow.Actions.Where(a => kinds(a.Kind)))
        {
            try
            {
                await run(action);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                ReconcileLog.ActionFailed(logger, ex, action.Kind.ToString(), action.Plugin);
                pass.Fail(action.Plugin, new TargetFailure.Threw(action.Kind, ex.Message));
                failed++;
            }
        }
        return failed;
    }
}
