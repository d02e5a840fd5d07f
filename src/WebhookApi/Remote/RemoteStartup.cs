using GitOps.Reconciler.Git.Remote;

namespace GitOps.WebhookApi.Remote;

/// <summary>Remote mode at start-up: clones the remote into the data directory (or catches up the clone that is there)
/// through the remote catch-up, then opens the store. Runs before <c>StoreStartup</c>, which then finds the store open.</summary>
/// <remarks>An unreachable remote with an earlier clone starts read-only on the last fetched state; without a clone there is
/// nothing to serve and start-up fails. A clone of another remote fails start-up with a message naming the option. A remote
/// without the tracked branch (a new, empty repository) gets the seed pushed as its first commit.</remarks>
internal sealed partial class RemoteStartup(
    GitConfigStore store,
    GitRemote remote,
    RemoteCatchUp catchUp,
    PullRequestProposer proposer,
    IOptions<MutationOptions> mutations,
    ILogger<RemoteStartup> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var pullRequests = mutations.Value.Mode == MutationMode.PullRequest;
        if (pullRequests && proposer.MissingOption() is { } missing)
            throw new InvalidOperationException($"GitOps:Mutations:Mode is PullRequest, which needs {missing}");

        var displayUrl = remote.DisplayUrl;
        var preparation = await catchUp.PrepareAsync(cancellationToken);
        if (preparation is RemotePreparation.UrlMismatch mismatch)
            throw new InvalidOperationException(
                $"GitOps:Repository:RemoteUrl is {remote.DisplayUrl}, but the clone in {store.RepositoryPath} tracks {mismatch.ExistingUrl}; " +
                "set GitOps:Repository:RemoteUrl back, or point GitOps:Repository:Path at a new data directory");
        var fetch = ((RemotePreparation.Ready)preparation).Fetch;
        if (fetch is FetchResult.Unreachable unreachable)
        {
            if (new RefCompareAndSwap(store.RepositoryPath, store.BranchRef).Read() is null)
                throw new InvalidOperationException($"cannot clone GitOps:Repository:RemoteUrl: {unreachable.Reason}");
            LogStartingReadOnly(displayUrl, unreachable.Reason);
        }

        store.Initialize();
        if (fetch is FetchResult.NoBranch)
        {
            // A new, empty remote: the seed commit made by Initialize goes up as the first commit of the branch.
            if (await catchUp.PublishBranchAsync(cancellationToken) is not PushResult.Pushed)
                throw new InvalidOperationException($"GitOps:Repository:RemoteUrl {remote.DisplayUrl} has no branch {store.Branch}, and pushing the seed to it failed");
            var seed = store.Current.Head;
            LogSeededRemote(displayUrl, store.Branch, seed);
        }
        var head = store.Current.Head;
        var mode = mutations.Value.Mode.ToString();
        LogRemote(displayUrl, store.Branch, head, mode);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Tracking {Remote} branch {Branch} at {Head}; mutations: {MutationsMode}")]
    private partial void LogRemote(string remote, string branch, string head, string mutationsMode);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Remote} had no branch {Branch}: pushed the seed {Head}")]
    private partial void LogSeededRemote(string remote, string branch, string head);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Remote {Remote} unreachable at start-up ({Reason}); serving the last fetched state read-only")]
    private partial void LogStartingReadOnly(string remote, string reason);
}
