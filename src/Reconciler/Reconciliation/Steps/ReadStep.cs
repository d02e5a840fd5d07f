using GitOps.Reconciler.Git;

namespace GitOps.Reconciler.Reconciliation.Steps;

/// <summary>(2) Reads the branch head. An invalid head is never applied: the store keeps serving the last good snapshot,
/// which becomes the desired one, and the problem names the commit that failed.</summary>
internal sealed class ReadStep(GitConfigStore store) : IReconcileStep
{
    public string Name => "read";

    public Task RunAsync(PassState pass, CancellationToken cancellationToken)
    {
        store.Reload();
        var desired = store.Current;
        var bad = store.HeadError;
        pass.Desired = desired;
        pass.AttemptedHead = bad?.Head ?? desired.Head;
        if (bad is not null) pass.Problems.Add(new ReconcileProblem.HeadInvalid(bad.Head, bad.Errors, desired.Head));
        return Task.CompletedTask;
    }
}
