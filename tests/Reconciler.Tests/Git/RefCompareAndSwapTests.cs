using GitOps.Reconciler.Git;
using GitOps.TestSupport.Git;

namespace GitOps.Reconciler.Tests.Git;

public sealed class RefCompareAndSwapTests : IDisposable
{
    private readonly TestStore _t = new();

    public void Dispose() => _t.Dispose();

    private static ReflogIdentity Who => new("alice", "alice@gitops.local", DateTimeOffset.FromUnixTimeSeconds(1_700_000_000));

    private string NewCommit() => GitCli.Run(_t.GitDirectory, "commit-tree", $"{_t.BranchHead()}^{{tree}}", "-p", _t.BranchHead(), "-m", "x");

    [Fact]
    public void TryUpdate_AtExpectedValue_MovesTheRefAndWritesAReflogLine()
    {
        var cas = new RefCompareAndSwap(_t.GitDirectory, "refs/heads/main");
        var old = _t.BranchHead();
        var next = NewCommit();

        var result = cas.TryUpdate(old, next, Who, "gitops: test");

        Assert.Equal(new RefUpdate.Updated(next), result);
        Assert.Equal(next, _t.BranchHead());
        Assert.False(File.Exists(cas.RefPath + ".lock"));
        Assert.Equal($"{next} main@{{0}}: gitops: test", GitCli.Run(_t.GitDirectory, "reflog", "show", "--format=%H %gd: %gs", "-1", "refs/heads/main"));
    }

    [Fact]
    public void TryUpdate_AfterGitMovedTheRef_ReturnsMovedAndLeavesTheirValue()
    {
        var cas = new RefCompareAndSwap(_t.GitDirectory, "refs/heads/main");
        var old = _t.BranchHead();
        var theirs = NewCommit();
        GitCli.Run(_t.GitDirectory, "update-ref", "refs/heads/main", theirs, old);

        var result = cas.TryUpdate(old, NewCommit(), Who, "gitops: test");

        Assert.Equal(new RefUpdate.Moved(theirs), result);
        Assert.Equal(theirs, _t.BranchHead());
    }

    [Fact]
    public void TryUpdate_WhileAnotherWriterHoldsTheLock_ReturnsContendedAndWritesNothing()
    {
        var cas = new RefCompareAndSwap(_t.GitDirectory, "refs/heads/main");
        var old = _t.BranchHead();
        File.WriteAllText(cas.RefPath + ".lock", "");

        var result = cas.TryUpdate(old, NewCommit(), Who, "gitops: test");

        Assert.Equal(new RefUpdate.Contended(old), result);
        Assert.Equal(old, _t.BranchHead());
        Assert.True(File.Exists(cas.RefPath + ".lock")); // theirs, not removed
    }

    [Fact]
    public void Read_OfAPackedRef_FindsItAndTryUpdateWritesALooseRefOverIt()
    {
        GitCli.Run(_t.GitDirectory, "pack-refs", "--all");
        var cas = new RefCompareAndSwap(_t.GitDirectory, "refs/heads/main");
        var old = _t.BranchHead();
        Assert.False(File.Exists(cas.RefPath));

        Assert.Equal(old, cas.Read());
        var next = NewCommit();
        Assert.Equal(new RefUpdate.Updated(next), cas.TryUpdate(old, next, Who, "gitops: test"));
        Assert.Equal(next, _t.BranchHead());
    }

    [Fact]
    public void TryUpdate_ExpectingNoRef_CreatesOnlyANewRef()
    {
        var cas = new RefCompareAndSwap(_t.GitDirectory, "refs/heads/feature");
        var head = _t.BranchHead();

        Assert.Equal(new RefUpdate.Updated(head), cas.TryUpdate(null, head, Who, "create"));
        Assert.Equal(new RefUpdate.Moved(head), cas.TryUpdate(null, head, Who, "create again"));
    }
}
