using GitOps.Reconciler.Configuration;
using GitOps.Reconciler.Git;
using GitOps.Reconciler.Git.Remote;
using GitOps.Reconciler.GitHub;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace GitOps.TestSupport.Git;

/// <summary>A store in remote mode without a host: the same steps the service's start-up takes (the store constructed with
/// its publisher, the first remote catch-up, open the store), plus its fetch seam.</summary>
public sealed class RemoteStore : IDisposable
{
    private RemoteStore(GitConfigStore store, GitRemote remote, RemoteState state, RemoteCatchUp catchUp, RemotePreparation preparation)
    {
        Store = store;
        Remote = remote;
        State = state;
        CatchUp = catchUp;
        Sync = new RemoteSync(catchUp, store);
        Preparation = preparation;
    }

    public GitConfigStore Store { get; }

    public GitRemote Remote { get; }

    public RemoteState State { get; }

    public RemoteSync Sync { get; }

    /// <summary>The one remote catch-up (fetch, ancestor check, adopt, state) this replica's start-up, refused pushes and sync share.</summary>
    public RemoteCatchUp CatchUp { get; }

    public RemotePreparation Preparation { get; }

    /// <summary>Opens a replica of <paramref name="url"/> in <paramref name="dataDirectory"/>; with <paramref name="proposer"/>, in pull-request mode.</summary>
    public static async Task<RemoteStore> OpenAsync(string dataDirectory, string url, string seed, PullRequestProposer? proposer = null)
    {
        var options = Options.Create(new RepositoryOptions { Path = dataDirectory, Seed = seed, RemoteUrl = url });
        var time = TimeProvider.System;
        var repository = new RepositoryHandle(options);
        var remote = new GitRemote(options, NullLogger<GitRemote>.Instance);
        var state = new RemoteState(time);
        var catchUp = new RemoteCatchUp(remote, state, repository, time, NullLogger<RemoteCatchUp>.Instance);
        ICommitPublisher publisher = proposer is null
            ? new PushPublisher(remote, state, catchUp, repository)
            : new PullRequestPublisher(remote, state, proposer, repository);
        var store = new GitConfigStore(options, new SnapshotBuilder(), time, NullLogger<GitConfigStore>.Instance, repository, publisher);
        var preparation = await catchUp.PrepareAsync(CancellationToken.None);
        if (preparation is RemotePreparation.Ready) store.Initialize();
        return new RemoteStore(store, remote, state, catchUp, preparation);
    }

    /// <summary>A pull-request proposer talking to <paramref name="apiUrl"/> for repository <c>owner/repository</c>.</summary>
    public static PullRequestProposer Proposer(Uri apiUrl, string owner, string repository)
    {
        var github = new GitHubOptions { ApiUrl = apiUrl.ToString(), Token = "ghp_test-token", Owner = owner, Repository = repository };
        return new PullRequestProposer(GitHubClientFactory.Create(github), Options.Create(github), NullLogger<PullRequestProposer>.Instance);
    }

    public void Dispose() => Store.Dispose();
}
