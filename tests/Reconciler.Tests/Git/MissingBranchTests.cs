using GitOps.Reconciler.Git;
using GitOps.TestSupport.Git;
using GitOps.TestSupport.Hosting;

namespace GitOps.Reconciler.Tests.Git;

/// <summary>Issue 11, data loss 1: a branch ref that is empty or gone at start-up never re-seeds a repository with history.</summary>
public sealed class MissingBranchTests : IDisposable
{
    private readonly TempDirectory _directory = new("gitops-missing-branch");
    private readonly string _seed;
    private readonly string _data;

    public MissingBranchTests()
    {
        _seed = ConfigRepoSeed.Write(_directory.Path);
        _data = Path.Combine(_directory.Path, "data");
    }

    public void Dispose() => _directory.Dispose();

    private string GitDirectory => Path.Combine(_data, "repo.git");

    private string RefFile => Path.Combine(GitDirectory, "refs", "heads", "main");

    /// <summary>Opens a store, makes three commits and closes it; returns the head.</summary>
    private async Task<string> RepositoryWithHistoryAsync()
    {
        using var store = StoreFactory.Open(_data, _seed);
        for (var i = 0; i < 3; i++)
            Assert.IsType<MutationOutcome.Committed>(await store.MutateAsync(Mutations.IncrementCounter(store.Current.Head)));
        return store.Current.Head;
    }

    private int CommitCount(string head) => int.Parse(GitCli.Run(GitDirectory, "rev-list", "--count", head), System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task Initialize_WithAnEmptyRefFile_RestoresTheBranchFromItsReflogInsteadOfSeeding()
    {
        var head = await RepositoryWithHistoryAsync();
        await File.WriteAllTextAsync(RefFile, ""); // what a crash between truncate and write-back can leave

        using var reopened = StoreFactory.Open(_data, _seed);

        Assert.Equal(head, reopened.Current.Head);
        Assert.Equal(head, GitCli.Run(GitDirectory, "rev-parse", "refs/heads/main"));
        Assert.Equal(4, CommitCount(head)); // seed + 3: no new root commit
        Assert.Contains("restored from reflog", GitCli.Run(GitDirectory, "reflog", "show", "-1", "--format=%gs", "refs/heads/main"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Initialize_WithTheRefFileDeleted_RestoresTheBranchFromItsReflog()
    {
        var head = await RepositoryWithHistoryAsync();
        File.Delete(RefFile);

        using var reopened = StoreFactory.Open(_data, _seed);

        Assert.Equal(head, reopened.Current.Head);
        Assert.Equal(4, CommitCount(reopened.Current.Head));
    }

    [Fact]
    public async Task Initialize_WithTheBranchOnlyInPackedRefs_ReadsItAndWithItsLineRemovedRestoresIt()
    {
        var head = await RepositoryWithHistoryAsync();
        GitCli.Run(GitDirectory, "pack-refs", "--all");
        Assert.False(File.Exists(RefFile));
        using (var packed = StoreFactory.Open(_data, _seed)) Assert.Equal(head, packed.Current.Head);

        var packedRefs = Path.Combine(GitDirectory, "packed-refs");
        await File.WriteAllLinesAsync(packedRefs, (await File.ReadAllLinesAsync(packedRefs)).Where(l => !l.EndsWith(" refs/heads/main", StringComparison.Ordinal)));
        using var reopened = StoreFactory.Open(_data, _seed);

        Assert.Equal(head, reopened.Current.Head);
        Assert.Equal(4, CommitCount(reopened.Current.Head));
    }

    [Fact]
    public async Task Initialize_WithTheRefAndItsReflogGone_RefusesToSeedAndSaysHowToRepair()
    {
        var head = await RepositoryWithHistoryAsync();
        File.Delete(RefFile);
        File.Delete(Path.Combine(GitDirectory, "logs", "refs", "heads", "main"));

        var error = Assert.Throws<InvalidOperationException>(() => StoreFactory.Open(_data, _seed));

        Assert.Contains("refs/heads/main", error.Message, StringComparison.Ordinal);
        Assert.Contains("Refusing to seed", error.Message, StringComparison.Ordinal);
        Assert.Contains("fsck --lost-found", error.Message, StringComparison.Ordinal);
        Assert.Contains("update-ref refs/heads/main", error.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(RefFile)); // nothing seeded
        Assert.Equal("commit", GitCli.Run(GitDirectory, "cat-file", "-t", head)); // the history is still there to restore
    }

    [Fact]
    public async Task Initialize_WhenTheReflogsLastCommitIsMissing_RefusesAndNamesTheReflogEntry()
    {
        var head = await RepositoryWithHistoryAsync();
        File.Delete(RefFile);
        File.Delete(Path.Combine(GitDirectory, "objects", head[..2], head[2..]));

        var error = Assert.Throws<InvalidOperationException>(() => StoreFactory.Open(_data, _seed));

        Assert.Contains(head, error.Message, StringComparison.Ordinal);
        Assert.Contains("last reflog entry", error.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(RefFile));
    }

    [Fact]
    public void Initialize_OnANewDataDirectory_StillSeeds()
    {
        using var store = StoreFactory.Open(_data, _seed);

        Assert.Equal(1, CommitCount(store.Current.Head));
        Assert.True(store.Current.Plugins.ContainsKey("models"));
    }
}
