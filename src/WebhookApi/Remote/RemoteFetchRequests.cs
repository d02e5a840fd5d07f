using GitOps.Reconciler.Git;
using GitOps.Reconciler.Git.Remote;
using GitOps.Reconciler.Reconciliation;

namespace GitOps.WebhookApi.Remote;

/// <summary>Takes reconcile requests from the <see cref="ReconcileTrigger"/> (webhook pushes ask for a fetch) and runs the
/// remote part of a pass: a (coalesced) fetch that moves the store to the remote head; the snapshot applier then
/// updates the running plugins from <c>SnapshotChanged</c>.</summary>
/// <remarks>Stand-in until the reconcile job consumes the trigger and calls <see cref="IRemoteSync"/> itself; remove its
/// registration in <see cref="RemoteServices"/> then (two consumers would share the requests between them).</remarks>
internal sealed partial class RemoteFetchRequests(ReconcileTrigger trigger, IRemoteSync sync, GitConfigStore store, ILogger<RemoteFetchRequests> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            ReconcileRequest request;
            try
            {
                request = await trigger.WaitAsync(stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            try
            {
                if (request.Fetch && await sync.FetchAsync(stoppingToken) is RemoteFetch.Unreachable unreachable)
                    LogFetchFailed(request.Reason, unreachable.Reason);
                else
                    store.Reload();
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is IOException or InvalidOperationException or LibGit2Sharp.LibGit2SharpException)
            {
                LogFailed(ex, request.Reason);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Fetch for {Reason} failed: {Error}")]
    private partial void LogFetchFailed(string reason, string error);

    [LoggerMessage(Level = LogLevel.Error, Message = "Fetch for {Reason} failed")]
    private partial void LogFailed(Exception exception, string reason);
}
