using GitOps.Reconciler.Git;
using GitOps.Reconciler.Git.Remote;
using GitOps.Reconciler.Reconciliation;
using GitOps.Reconciler.Tests.Git;
using GitOps.TestSupport.Git;
using GitOps.TestSupport.Hosting;

namespace GitOps.Reconciler.Tests.Git.Remote;

/// <summary>The one remote catch-up (<see cref="RemoteCatchUp"/>): the missing-branch rule, the ancestor check and the
/// fetch counter, against a real <c>git daemon</c> on 127.0.0.1.</summary>
public sealed class RemoteCatchUpTests() : SeededRemoteTests("gitops-catch-up-seed")
{
    [Fact]
    public async Task CatchUp_WhenTheRemoteBranchIsDeleted_MakesTheStoreReadOnly_UntilTheBranchIsBack()
    {
        using var replica = await RemoteStore.OpenAsync(Remote.Scratch("a"), Remote.Url, Seed);
        var start = Remote.Head();
        GitCli.Run(Remote.GitDirectory, "update-ref", "-d", "refs/heads/main");

        var missing = Assert.IsType<RemoteFetch.Unreachable>(await replica.Sync.FetchAsync(CancellationToken.None));

        Assert.Contains("has no branch main", missing.Reason, StringComparison.Ordinal);
        Assert.Equal(StoreMode.ReadOnly, replica.State.Current.Mode);
        Assert.Equal(missing.Reason, replica.State.Current.LastError);
        Assert.Equal(start, replica.Store.Current.Head);
        var refused = Assert.IsType<MutationOutcome.Unavailable>(await replica.Store.MutateAsync(Mutations.IncrementCounter(start)));
        Assert.Contains("has no branch main", refused.Reason, StringComparison.Ordinal);

        GitCli.Run(Remote.GitDirectory, "update-ref", "refs/heads/main", start);
        Assert.IsType<RemoteFetch.Fetched>(await replica.Sync.FetchAsync(CancellationToken.None));
        Assert.Equal(StoreMode.ReadWrite, replica.State.Current.Mode);
    }

    [Fact]
    public async Task CatchUp_WhenTheLocalBranchIsAheadOfTheRemote_DoesNotMoveItBack()
    {
        using var replica = await RemoteStore.OpenAsync(Remote.Scratch("a"), Remote.Url, Seed);
        var remoteHead = Remote.Head();
        var ahead = GitCli.CommitFile(replica.Store.RepositoryPath, "main", "plugins/models/notes.yaml", "models: []\n", "local only");

        var fetched = Assert.IsType<FetchResult.Fetched>(await replica.CatchUp.RunAsync(CancellationToken.None));

        Assert.Equal(remoteHead, fetched.Head);
        Assert.Equal(ahead, new RefCompareAndSwap(replica.Store.RepositoryPath, replica.Store.BranchRef).Read());
    }

    [Fact]
    public async Task FetchCount_CountsStartUp_ARefusedPush_AndEverySync()
    {
        using var replica = await RemoteStore.OpenAsync(Remote.Scratch("a"), Remote.Url, Seed);
        Assert.Equal(1, replica.CatchUp.FetchCount); // start-up
        var start = Remote.Head();
        var theirs = Remote.CommitFile("plugins/models/notes.yaml", "models: []\n", "someone else");

        var moved = Assert.IsType<MutationOutcome.HeadMoved>(await replica.Store.MutateAsync(Mutations.IncrementCounter(start)));
        Assert.Equal(theirs, moved.Current);
        Assert.Equal(2, replica.CatchUp.FetchCount); // the refused push caught up once

        Assert.IsType<RemoteFetch.Fetched>(await replica.Sync.FetchAsync(CancellationToken.None));
        Assert.Equal(3, replica.CatchUp.FetchCount);
        Assert.Equal(replica.CatchUp.FetchCount, replica.Sync.FetchCount);
    }
}
