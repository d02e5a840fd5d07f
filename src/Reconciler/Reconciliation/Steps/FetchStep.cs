namespace GitOps.Reconciler.Reconciliation.Steps;

/// <summary>(1) Brings the local repository up to date with the remote, through the <see cref="IRemoteSync"/> seam; no
/// remote (embedded mode): nothing to do. An unreachable remote degrades the pass, which goes on with the last fetched state.</summary>
internal sealed class FetchStep(IRemoteSync? remote, ILogger logger) : IReconcileStep
{
    public string Name => "fetch";

    public async Task RunAsync(PassState pass, CancellationToken cancellationToken)
    {
        if (remote is null)
        {
            if (pass.FetchRequested) ReconcileLog.NoRemote(logger, pass.Reason);
            return;
        }
        if (await remote.FetchAsync(cancellationToken) is RemoteFetch.Unreachable unreachable)
            pass.Problems.Add(new ReconcileProblem.FetchFailed(unreachable.Reason));
    }
}
