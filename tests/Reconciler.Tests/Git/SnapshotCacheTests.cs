using GitOps.Reconciler.Git;
using GitOps.TestSupport.Git;

namespace GitOps.Reconciler.Tests.Git;

public sealed class SnapshotCacheTests : IDisposable
{
    private readonly TestStore _t = new();

    public void Dispose() => _t.Dispose();

    [Fact]
    public async Task Mutation_OfOnePlugin_ReusesTheOtherPluginsSnapshotInstance()
    {
        var before = _t.Store.Current;

        var committed = Assert.IsType<MutationOutcome.Committed>(await _t.Store.MutateAsync(Mutations.IncrementCounter(before.Head)));

        Assert.Same(before.Plugins["mcp"], committed.Snapshot.Plugins["mcp"]);
        Assert.NotSame(before.Plugins["models"], committed.Snapshot.Plugins["models"]);
        Assert.NotEqual(before.Plugins["models"].TreeId, committed.Snapshot.Plugins["models"].TreeId);
    }

    [Fact]
    public async Task ReadAt_OfACommitWithASeenTree_ReturnsTheCachedPluginsUnderThatCommitsSha()
    {
        var seed = _t.Store.Current;
        var change = Assert.IsType<MutationOutcome.Committed>(await _t.Store.MutateAsync(Mutations.IncrementCounter(seed.Head)));
        var back = Assert.IsType<MutationOutcome.Committed>(await _t.Store.RevertAsync(change.Head, change.Head, Mutations.Alice, null, "r"));

        Assert.Equal(seed.TreeId, back.Snapshot.TreeId);
        Assert.Equal(back.Head, back.Snapshot.Head);
        Assert.Same(seed.Plugins["models"], back.Snapshot.Plugins["models"]);
        Assert.Equal(seed.Hash, back.Snapshot.Hash);
    }

    [Fact]
    public void LruMap_OverCapacity_EvictsTheLeastRecentlyUsed()
    {
        var map = new LruMap<string, int>(2);
        map.Set("a", 1);
        map.Set("b", 2);
        Assert.True(map.TryGet("a", out _));
        map.Set("c", 3);

        Assert.Equal(2, map.Count);
        Assert.True(map.TryGet("a", out var a));
        Assert.Equal(1, a);
        Assert.False(map.TryGet("b", out _));
        Assert.True(map.TryGet("c", out _));
    }

    [Fact]
    public async Task Cache_AfterManyCommits_StaysWithinItsCapacity()
    {
        for (var i = 0; i < 20; i++)
            Assert.IsType<MutationOutcome.Committed>(await _t.Store.MutateAsync(Mutations.IncrementCounter(_t.Store.Current.Head)));

        Assert.InRange(_t.Store.Cache.PluginCount, 2, 512);
        Assert.InRange(_t.Store.Cache.TreeCount, 1, 128);
        var small = new SnapshotCache(pluginCapacity: 3, treeCapacity: 2);
        for (var i = 0; i < 10; i++) small.AddTree(i.ToString(System.Globalization.CultureInfo.InvariantCulture), new TreeSnapshot(_t.Store.Current, []));
        Assert.Equal(2, small.TreeCount);
    }
}
