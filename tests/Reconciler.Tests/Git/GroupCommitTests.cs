using GitOps.Reconciler.Git;
using GitOps.TestSupport.Git;
using GitOps.TestSupport.Hosting;

namespace GitOps.Reconciler.Tests.Git;

/// <summary>Issue 19, group commit: writers queued behind a batch in flight land as the next batch, one commit each, in
/// order, with one branch move; a stale If-Match is refused against the batch's state before any I/O of its own.</summary>
public sealed class GroupCommitTests : IDisposable
{
    private const int Writers = 6;
    private readonly TempDirectory _directory = new("gitops-group-commit");
    private readonly GatedPublisher _publisher = new();
    private readonly GitConfigStore _store;

    public GroupCommitTests()
    {
        var seed = ConfigRepoSeed.Write(_directory.Path);
        _store = StoreFactory.Open(Path.Combine(_directory.Path, "data"), seed, publisher: _publisher);
    }

    public void Dispose()
    {
        _publisher.Release(100);
        _store.Dispose();
        _publisher.Dispose();
        _directory.Dispose();
    }

    [Fact]
    public async Task Writers_QueuedBehindABatch_LandAsOneBatch_OneCommitEach_InOrder_WithTheirOwnMessagesAndTrailers()
    {
        var start = _store.Current.Head;
        var first = _store.MutateAsync(Mutations.SetFiles(null, "models: first", ("plugins/models/first.yaml", "models: []\n")));
        await _publisher.StartedAsync();
        var queued = Enumerable.Range(0, Writers).Select(i => _store.MutateAsync(Mutations.SetFiles(null, $"models: note {i}", ($"plugins/models/note-{i}.yaml", "models: []\n")) with
        {
            RequestId = $"req-{i}",
            Trailers = [new CommitTrailer("Draft", $"d-{i}")],
        })).ToList();
        Assert.All(queued, q => Assert.False(q.IsCompleted));

        _publisher.Release();
        var one = Assert.IsType<MutationOutcome.Committed>(await first);
        await _publisher.StartedAsync();
        Assert.All(queued, q => Assert.False(q.IsCompleted)); // written and flushed, but the branch has not moved: nobody is answered
        Assert.Equal(one.Head, GitCli.Run(_store.RepositoryPath, "rev-parse", "refs/heads/main"));
        _publisher.Release();
        var batch = new List<MutationOutcome.Committed>();
        foreach (var q in queued) batch.Add(Assert.IsType<MutationOutcome.Committed>(await q));

        var published = _publisher.Published;
        Assert.Equal([1, Writers], published.Select(p => p.Commits));
        Assert.Equal(one.Head, published[1].Parent);
        Assert.Equal(batch[^1].Head, published[1].Commit);
        var previous = one.Head;
        for (var i = 0; i < Writers; i++)
        {
            Assert.Equal(previous, batch[i].PreviousHead);
            Assert.Equal(previous, GitCli.Run(_store.RepositoryPath, "rev-parse", batch[i].Head + "^"));
            var message = GitCli.Run(_store.RepositoryPath, "log", "-1", "--format=%B", batch[i].Head);
            Assert.StartsWith($"models: note {i}\n", message, StringComparison.Ordinal);
            Assert.Contains($"Request-Id: req-{i}\n", message, StringComparison.Ordinal);
            Assert.Contains($"Draft: d-{i}", message, StringComparison.Ordinal);
            var files = GitCli.Run(_store.RepositoryPath, "diff-tree", "--no-commit-id", "--name-only", "-r", batch[i].Head);
            Assert.Equal($"plugins/models/note-{i}.yaml", files);
            previous = batch[i].Head;
        }
        Assert.Equal(batch[^1].Head, GitCli.Run(_store.RepositoryPath, "rev-parse", "refs/heads/main"));
        Assert.Equal(batch[^1].Head, _store.Current.Head);
        Assert.Equal(Writers + 2, GitCli.Run(_store.RepositoryPath, "rev-list", "--count", "refs/heads/main") is var n ? int.Parse(n, System.Globalization.CultureInfo.InvariantCulture) : 0);
        // One branch move per batch: the seed, the first commit, the batch.
        Assert.Equal(3, GitCli.Run(_store.RepositoryPath, "reflog", "show", "--format=%H", "refs/heads/main").Split('\n').Length);
        Assert.Contains(start, GitCli.Run(_store.RepositoryPath, "rev-list", "refs/heads/main"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SameIfMatch_SevenLosers_AreRefusedWhileTheWinnersCommitWaitsForItsBranchMove()
    {
        var start = _store.Current.Head;
        var winner = _store.MutateAsync(Mutations.IncrementCounter(start));
        await _publisher.StartedAsync(); // the winner's commit is written and flushed; the branch has not moved
        var pending = _publisher.Published[0].Commit;
        var losers = Enumerable.Range(0, 7).Select(_ => _store.MutateAsync(Mutations.IncrementCounter(start))).ToList();

        foreach (var loser in losers)
        {
            var moved = Assert.IsType<MutationOutcome.HeadMoved>(await loser.WaitAsync(TimeSpan.FromSeconds(30)));
            Assert.Equal(start, moved.Expected);
            Assert.Equal(pending, moved.Current);
        }
        Assert.False(winner.IsCompleted);
        _publisher.Release();
        var committed = Assert.IsType<MutationOutcome.Committed>(await winner);
        Assert.Equal(pending, committed.Head);
        Assert.Single(_publisher.Published);
        Assert.Equal(1, ConfigRepoSeed.ParseCounter(_store.Current.Plugins["models"].Files["counter.yaml"].Span));
    }

    [Fact]
    public async Task StaleIfMatch_InsideABatch_Gets409AgainstTheCommitBeforeIt_AndTheOthersStillCommit()
    {
        var held = _store.MutateAsync(Mutations.IncrementCounter(null));
        await _publisher.StartedAsync();
        var afterHeld = _publisher.Published[0].Commit;
        var wildcard = _store.MutateAsync(Mutations.IncrementCounter(null));
        var stale = _store.MutateAsync(Mutations.IncrementCounter(afterHeld)); // true when it was queued, stale once the wildcard lands
        var tail = _store.MutateAsync(Mutations.IncrementCounter(null));
        _publisher.Release(2);

        Assert.IsType<MutationOutcome.Committed>(await held);
        var one = Assert.IsType<MutationOutcome.Committed>(await wildcard);
        var refused = Assert.IsType<MutationOutcome.HeadMoved>(await stale);
        var two = Assert.IsType<MutationOutcome.Committed>(await tail);
        Assert.Equal(afterHeld, one.PreviousHead);
        Assert.Equal(afterHeld, refused.Expected);
        Assert.Equal(one.Head, refused.Current);
        Assert.Equal(one.Head, two.PreviousHead);
        Assert.Equal(2, _publisher.Published[1].Commits);
        Assert.Equal(3, ConfigRepoSeed.ParseCounter(_store.Current.Plugins["models"].Files["counter.yaml"].Span));
    }
}
