using System.Collections.Concurrent;
using GitOps.Reconciler.Git;
using GitOps.TestSupport.Git;

namespace GitOps.Reconciler.Tests.Git;

public sealed class GitConfigStoreConcurrencyTests : IDisposable
{
    private const int Threads = 8;
    private const int MutationsPerThread = 100;
    private readonly TestStore _t = new();

    public void Dispose() => _t.Dispose();

    [Fact]
    public async Task Mutate_From8ThreadsOnTwoStoreInstances_HasOneWinnerPerHeadAndLosesNoUpdate()
    {
        // Two instances on the same repository: threads of one serialise on its lock, the two race on the ref lock on disk.
        using var second = _t.OpenSecond();
        var stores = new[] { _t.Store, second };
        var outcomes = new ConcurrentBag<MutationOutcome>();
        using var start = new Barrier(Threads);

        var workers = Enumerable.Range(0, Threads).Select(n => Task.Factory.StartNew(async () =>
        {
            var store = stores[n % stores.Length];
            start.SignalAndWait();
            for (var i = 0; i < MutationsPerThread; i++)
            {
                store.Reload();
                var head = store.Current.Head;
                outcomes.Add(await store.MutateAsync(Mutations.IncrementCounter(head)));
            }
        }, TaskCreationOptions.LongRunning).Unwrap()).ToArray();
        await Task.WhenAll(workers);

        Assert.All(outcomes, o => Assert.True(o is MutationOutcome.Committed or MutationOutcome.HeadMoved, o.ToString()));
        var winners = outcomes.OfType<MutationOutcome.Committed>().ToList();
        Assert.Equal(Threads * MutationsPerThread, outcomes.Count);
        Assert.NotEmpty(winners);
        Assert.Equal(winners.Count, winners.Select(w => w.PreviousHead).Distinct().Count());

        _t.Store.Reload();
        var counter = ConfigRepoSeed.ParseCounter(_t.Store.Current.Plugins["models"].Files["counter.yaml"].Span);
        Assert.Equal(winners.Count, counter);
        var history = GitCli.Run(_t.GitDirectory, "rev-list", "--parents", "refs/heads/main").Split('\n');
        Assert.Equal(winners.Count + 1, history.Length);
        var parents = history.Select(line => line.Split(' ')).Where(parts => parts.Length > 1).Select(parts => parts[1]).ToList();
        Assert.Equal(parents.Count, parents.Distinct().Count());
        Assert.Equal(winners.Select(w => w.Head).Order(StringComparer.Ordinal), history.Select(l => l.Split(' ')[0]).Where(sha => sha != history[^1]).Order(StringComparer.Ordinal));
        Assert.Equal(0, GitCli.TryRun(_t.GitDirectory, "fsck", "--full").ExitCode);
    }
}
