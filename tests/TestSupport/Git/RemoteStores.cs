using GitOps.Reconciler.Configuration;
using GitOps.Reconciler.Git;
using GitOps.Reconciler.Git.Remote;
using GitOps.Reconciler.GitHub;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace GitOps.TestSupport.Git;

/// <summary>A store in remote mode without a host: the same steps the service's start-up takes (prepare the clone,
/// attach the remote, open the store), plus its fetch seam.</summary>
public sealed class RemoteStore : IDisposable
{
    private RemoteStore(GitConfigStore store, GitRemote remote, RemoteState state, RemoteSync sync, RemotePreparation preparation)
    {
        Store = store;
        Remote = remote;
        State = state;
        Sync = sync;
        Preparation = preparation;
    }

    public GitConfigStore Store { get; }

    public GitRemote Remote { get; }

    public RemoteState State { get; }

    public RemoteSync Sync { get; }

    public RemotePreparation Preparation { get; }

    /// <summary>Opens a replica of <paramref name="url"/> in <paramref name="dataDirectory"/>; with <paramref name="proposer"/>, in pull-request mode.</summary>
    public static async Task<RemoteStore> OpenAsync(string dataDirectory, string url, string seed, PullRequestProposer? proposer = null)
    {
        var options = Options.Create(new RepositoryOptions { Path = dataDirectory, Seed = seed, RemoteUrl = url });
        var time = TimeProvider.System;
        var store = new GitConfigStore(options, new SnapshotBuilder(), time, NullLogger<GitConfigStore>.Instance);
        var remote = new GitRemote(options, time, NullLogger<GitRemote>.Instance);
        var state = new RemoteState(time);
        var preparation = await remote.Prepare(store.RepositoryPath, CancellationToken.None);
        if (preparation is RemotePreparation.Ready { Fetch: FetchResult.Unreachable unreachable }) state.Unreachable(unreachable.Reason);
        if (preparation is RemotePreparation.Ready)
        {
            store.AttachRemote(remote, state, proposer);
            store.Initialize();
        }
        return new RemoteStore(store, remote, state, new RemoteSync(remote, store, state, time), preparation);
    }

    /// <summary>A pull-request proposer talking to <paramref name="apiUrl"/> for repository <c>owner/repository</c>.</summary>
    public static PullRequestProposer Proposer(Uri apiUrl, string owner, string repository)
    {
        var github = new GitHubOptions { ApiUrl = apiUrl.ToString(), Token = "ghp_test-token", Owner = owner, Repository = repository };
        return new PullRequestProposer(GitHubClientFactory.Create(github), Options.Create(github), NullLogger<PullRequestProposer>.Instance);
    }

    public void Dispose() => Store.Dispose();
}
