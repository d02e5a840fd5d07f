namespace GitOps.Reconciler.Reconciliation.Steps;

/// <summary>One step of a reconcile pass. Every step has this one signature: it reads and extends the pass's
/// <see cref="PassState"/> and records expected problems there as <see cref="ReconcileProblem"/> values; it throws only
/// for bugs and unexpected I/O, which stops the pass (<see cref="ReconcileProblem.StepFailed"/>).</summary>
internal interface IReconcileStep
{
    /// <summary>The step's name in logs and in <see cref="ReconcileProblem.StepFailed"/>.</summary>
    string Name { get; }

    Task RunAsync(PassState pass, CancellationToken cancellationToken);
}
