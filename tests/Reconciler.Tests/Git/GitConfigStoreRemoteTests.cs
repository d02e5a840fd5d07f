using GitOps.Reconciler.Git;
using GitOps.Reconciler.Git.Remote;
using GitOps.Reconciler.Reconciliation;
using GitOps.TestSupport.Git;
using GitOps.TestSupport.GitHub;
using GitOps.TestSupport.Hosting;

namespace GitOps.Reconciler.Tests.Git;

/// <summary>Remote mode of the store (PushPublisher, PullRequestPublisher, RemoteCatchUp) against a real <c>git daemon</c> on 127.0.0.1.</summary>
public sealed class GitConfigStoreRemoteTests() : SeededRemoteTests("gitops-remote-seed")
{
    [Fact]
    public async Task Mutate_InRemoteMode_PushesTheCommitBeforeAnswering()
    {
        using var replica = await OpenAsync("a");
        var start = Remote.Head();
        Assert.Equal(start, replica.Store.Current.Head);

        var outcome = await replica.Store.MutateAsync(Mutations.IncrementCounter(start));

        var committed = Assert.IsType<MutationOutcome.Committed>(outcome);
        Assert.Equal(committed.Head, Remote.Head());
        Assert.Equal(start, committed.PreviousHead);
        Assert.Contains("counter-1", Remote.Show(ConfigRepoSeed.CounterPath), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Mutate_WhenAnotherReplicaPushedFirst_ReturnsHeadMovedWithTheRemoteHead_AndTheRetrySucceeds()
    {
        using var first = await OpenAsync("a");
        using var second = await OpenAsync("b");
        var start = Remote.Head();

        var won = Assert.IsType<MutationOutcome.Committed>(await first.Store.MutateAsync(Mutations.IncrementCounter(start)));
        var lost = await second.Store.MutateAsync(Mutations.SetFiles(start, "models: add notes", ("plugins/models/notes.yaml", "models: []\n")));

        var moved = Assert.IsType<MutationOutcome.HeadMoved>(lost);
        Assert.Equal(won.Head, moved.Current);
        Assert.Equal(start, moved.Expected);
        Assert.Equal(won.Head, second.Store.Current.Head); // the loser now serves the winner's state

        var retried = Assert.IsType<MutationOutcome.Committed>(
            await second.Store.MutateAsync(Mutations.SetFiles(moved.Current, "models: add notes", ("plugins/models/notes.yaml", "models: []\n"))));
        Assert.Equal([retried.Head, won.Head, start], Remote.Log());
    }

    [Fact]
    public async Task Mutate_WithoutExpectedHead_AfterAnotherWriterPushed_ReappliesOnTheRemoteHead()
    {
        using var replica = await OpenAsync("a");
        var theirs = Remote.CommitFile("plugins/models/notes.yaml", "models: []\n", "someone else");

        var outcome = await replica.Store.MutateAsync(Mutations.IncrementCounter(null));

        var committed = Assert.IsType<MutationOutcome.Committed>(outcome);
        Assert.Equal(theirs, committed.PreviousHead);
        Assert.Equal(committed.Head, Remote.Head());
    }

    [Fact]
    public async Task Mutate_WhenTheRemoteIsDown_ReturnsUnavailable_AndAFetchAfterItIsBackRecovers()
    {
        using var replica = await OpenAsync("a");
        var start = Remote.Head();
        await Remote.Daemon.StopAsync();

        var outcome = await replica.Store.MutateAsync(Mutations.IncrementCounter(start));

        var unavailable = Assert.IsType<MutationOutcome.Unavailable>(outcome);
        Assert.Contains("read-only", unavailable.Reason, StringComparison.Ordinal);
        Assert.Equal(StoreMode.ReadOnly, replica.State.Current.Mode);
        Assert.NotNull(replica.State.Current.LastError);
        Assert.Equal(start, replica.Store.Current.Head); // reads keep the last known good snapshot
        Assert.IsType<MutationOutcome.Unavailable>(await replica.Store.MutateAsync(Mutations.IncrementCounter(start)));
        Assert.IsType<RemoteFetch.Unreachable>(await replica.Sync.FetchAsync(CancellationToken.None));

        await Remote.Daemon.StartAsync();
        Assert.IsType<RemoteFetch.Fetched>(await replica.Sync.FetchAsync(CancellationToken.None));

        Assert.Equal(StoreMode.ReadWrite, replica.State.Current.Mode);
        Assert.Null(replica.State.Current.LastError);
        var committed = Assert.IsType<MutationOutcome.Committed>(await replica.Store.MutateAsync(Mutations.IncrementCounter(start)));
        Assert.Equal(committed.Head, Remote.Head());
    }

    [Fact]
    public async Task Fetch_AfterAnotherWriterPushed_MovesCurrentToTheRemoteHead()
    {
        using var replica = await OpenAsync("a", Remote.FileUrl);
        var changed = new List<string>();
        replica.Store.SnapshotChanged += s => changed.Add(s.Head);
        var theirs = Remote.CommitFile(ConfigRepoSeed.CounterPath, ConfigRepoSeed.Counter(41), "someone else");

        var fetched = Assert.IsType<RemoteFetch.Fetched>(await replica.Sync.FetchAsync(CancellationToken.None));

        Assert.Equal(theirs, fetched.Head);
        Assert.Equal(theirs, replica.Store.Current.Head);
        Assert.Equal([theirs], changed);
    }

    [Fact]
    public async Task Prepare_OnACloneOfAnotherRemote_ReportsTheMismatch()
    {
        var data = Remote.Scratch("a");
        using (await OpenAsync("a")) { }

        using var other = await RemoteStore.OpenAsync(data, "git://127.0.0.1:1/elsewhere.git", Seed);

        var mismatch = Assert.IsType<RemotePreparation.UrlMismatch>(other.Preparation);
        Assert.Equal(Remote.Url, mismatch.ExistingUrl);
    }

    [Fact]
    public async Task Open_OnAnEmptyRemote_SeedsLocally_AndPushBranchPublishesTheSeed()
    {
        await using var empty = await RemoteRepository.StartAsync(null);
        using var replica = await RemoteStore.OpenAsync(empty.Scratch("a"), empty.Url, Seed);
        Assert.IsType<FetchResult.NoBranch>(Assert.IsType<RemotePreparation.Ready>(replica.Preparation).Fetch);

        Assert.IsType<PushResult.Pushed>(await replica.CatchUp.PublishBranchAsync(CancellationToken.None));

        Assert.Equal(replica.Store.Current.Head, empty.Head());
    }

    [Fact]
    public async Task Mutate_InPullRequestMode_PushesABranchAndOpensAPullRequest_WithoutMovingTheTrackedBranch()
    {
        await using var github = await FakeGitHubApi.StartAsync();
        using var replica = await OpenAsync("a", proposer: RemoteStore.Proposer(github.BaseAddress, "acme", "config"));
        var start = Remote.Head();

        var outcome = await replica.Store.MutateAsync(Mutations.IncrementCounter(start));

        var proposed = Assert.IsType<MutationOutcome.Proposed>(outcome);
        Assert.StartsWith("gitops/models-increment-counter-", proposed.Branch, StringComparison.Ordinal);
        Assert.Equal(proposed.Commit, Remote.Head(proposed.Branch));
        Assert.Equal(start, Remote.Head());
        Assert.Equal(start, replica.Store.Current.Head);
        Assert.Equal("https://github.com/acme/config/pull/1", proposed.PullRequestUrl);
        var request = Assert.Single(github.Requests, r => r.Method == "POST" && r.Path == "/repos/acme/config/pulls");
        Assert.Contains($"\"head\":\"{proposed.Branch}\"", request.Body, StringComparison.Ordinal);
        Assert.Contains("\"base\":\"main\"", request.Body, StringComparison.Ordinal);
        Assert.Contains("models: increment counter", request.Body, StringComparison.Ordinal);
    }

    private Task<RemoteStore> OpenAsync(string name, string? url = null, PullRequestProposer? proposer = null) =>
        RemoteStore.OpenAsync(Remote.Scratch(name), url ?? Remote.Url, Seed, proposer);
}
