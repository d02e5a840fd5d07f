using System.Text;
using GitOps.Reconciler.Configuration;
using GitOps.Reconciler.Git;
using GitOps.TestSupport.Git;

namespace GitOps.Reconciler.Tests.Git;

public sealed class GitConfigStoreTests : IDisposable
{
    private readonly TestStore _t = new();

    public void Dispose() => _t.Dispose();

    [Fact]
    public void Initialize_OnEmptyDataDirectory_SeedsBareRepositoryWithOneCommit()
    {
        Assert.True(Directory.Exists(Path.Combine(_t.DataDirectory, "repo.git")));
        Assert.Equal("true", GitCli.Run(_t.GitDirectory, "rev-parse", "--is-bare-repository"));
        Assert.Equal("1", GitCli.Run(_t.GitDirectory, "rev-list", "--count", "refs/heads/main"));
        Assert.Equal(_t.BranchHead(), _t.Store.Current.Head);
        Assert.Equal(["mcp", "models"], _t.Store.Current.Plugins.Keys);
        Assert.Equal(ConfigRepoSeed.Counter(0), GitCli.Run(_t.GitDirectory, "show", $"main:{ConfigRepoSeed.CounterPath}") + "\n");
    }

    [Fact]
    public void Initialize_OnExistingRepository_DoesNotSeedAgain()
    {
        using var second = _t.OpenSecond();
        Assert.Equal(_t.Store.Current.Head, second.Current.Head);
        Assert.Equal("1", GitCli.Run(_t.GitDirectory, "rev-list", "--count", "refs/heads/main"));
    }

    [Fact]
    public async Task Mutate_WithCurrentHead_CommitsOnceWithAuthorMessageAndTrailers()
    {
        var before = _t.Store.Current.Head;
        var request = Mutations.IncrementCounter(before, "req-42") with { Reason = "because the test says so" };

        var outcome = await _t.Store.MutateAsync(request);

        var committed = Assert.IsType<MutationOutcome.Committed>(outcome);
        Assert.Equal(before, committed.PreviousHead);
        Assert.Equal(committed.Head, _t.BranchHead());
        Assert.Equal(committed.Head, _t.Store.Current.Head);
        Assert.Equal(before, GitCli.Run(_t.GitDirectory, "rev-parse", $"{committed.Head}^"));
        Assert.Equal("alice <alice@gitops.local>", GitCli.Run(_t.GitDirectory, "log", "-1", "--format=%an <%ae>", committed.Head));
        var message = GitCli.Run(_t.GitDirectory, "log", "-1", "--format=%B", committed.Head);
        Assert.Equal("models: increment counter\n\nbecause the test says so\n\nRequest-Id: req-42\nChanged-By: alice <alice@gitops.local>", message);
        Assert.Equal(1, ConfigRepoSeed.ParseCounter(committed.Snapshot.Plugins["models"].Files["counter.yaml"].Span));
    }

    [Fact]
    public async Task Mutate_WithStaleHead_ReturnsHeadMovedAndWritesNothing()
    {
        var stale = _t.Store.Current.Head;
        var first = Assert.IsType<MutationOutcome.Committed>(await _t.Store.MutateAsync(Mutations.IncrementCounter(stale)));

        var outcome = await _t.Store.MutateAsync(Mutations.IncrementCounter(stale));

        var moved = Assert.IsType<MutationOutcome.HeadMoved>(outcome);
        Assert.Equal(first.Head, moved.Current);
        Assert.Equal(stale, moved.Expected);
        Assert.Equal(first.Head, _t.BranchHead());
    }

    [Fact]
    public async Task Mutate_WhenAnotherProcessCommitsBetweenReadAndWrite_ReturnsHeadMovedAndKeepsTheirCommit()
    {
        var head = _t.Store.Current.Head;
        string? theirs = null;
        var request = Mutations.IncrementCounter(head) with
        {
            Edit = snapshot =>
            {
                // Runs after the store read the head and before it moves the branch.
                theirs = GitCli.CommitFile(_t.GitDirectory, "main", "plugins/models/team.yaml", "models:\n  - name: theirs\n", "their change");
                return Mutations.IncrementCounter(head).Edit(snapshot);
            },
        };

        var outcome = await _t.Store.MutateAsync(request);

        var moved = Assert.IsType<MutationOutcome.HeadMoved>(outcome);
        Assert.Equal(theirs, moved.Current);
        Assert.Equal(head, moved.Expected);
        Assert.Equal(theirs, _t.BranchHead());
        Assert.Equal(head, GitCli.Run(_t.GitDirectory, "rev-parse", "main^"));
    }

    [Fact]
    public async Task Mutate_WithoutExpectedHead_RetriesOnTopOfAnotherProcessesCommit()
    {
        string? theirs = null;
        var calls = 0;
        var request = Mutations.IncrementCounter(null) with
        {
            Edit = snapshot =>
            {
                if (calls++ == 0) theirs = GitCli.CommitFile(_t.GitDirectory, "main", "plugins/models/team.yaml", "models:\n  - name: theirs\n", "their change");
                return Mutations.IncrementCounter(null).Edit(snapshot);
            },
        };

        var outcome = await _t.Store.MutateAsync(request);

        var committed = Assert.IsType<MutationOutcome.Committed>(outcome);
        Assert.Equal(2, calls);
        Assert.Equal(theirs, committed.PreviousHead);
        Assert.Equal(committed.Head, _t.BranchHead());
        Assert.Equal("models:\n  - name: theirs", GitCli.Run(_t.GitDirectory, "show", "main:plugins/models/team.yaml"));
    }

    [Fact]
    public async Task Mutate_ProducingTheSameTree_ReturnsNoChange()
    {
        var head = _t.Store.Current.Head;

        var outcome = await _t.Store.MutateAsync(Mutations.SetFiles(head, "rewrite", (ConfigRepoSeed.CounterPath, ConfigRepoSeed.Counter(0))));

        Assert.Equal(new MutationOutcome.NoChange(head), outcome);
        Assert.Equal(head, _t.BranchHead());
    }

    [Fact]
    public async Task Mutate_MakingTheRepositoryInvalid_ReturnsInvalidWithFileAndWritesNothing()
    {
        var head = _t.Store.Current.Head;

        var outcome = await _t.Store.MutateAsync(Mutations.SetFiles(head, "break", ("plugins/models/team.yaml", null)));

        var invalid = Assert.IsType<MutationOutcome.Invalid>(outcome);
        Assert.Contains(invalid.Errors, e => e.File == ConfigRepoSeed.ModelsSources && e.Message.Contains("team.yaml", StringComparison.Ordinal));
        Assert.Equal(head, _t.BranchHead());
        Assert.Equal(head, _t.Store.Current.Head);
    }

    [Fact]
    public async Task Mutate_WhenEditRefuses_ReturnsRejected()
    {
        var request = Mutations.IncrementCounter(_t.Store.Current.Head) with { Edit = _ => new EditResult.Refused(RejectionKind.NotFound, "no such source") };

        var outcome = await _t.Store.MutateAsync(request);

        Assert.Equal(new MutationOutcome.Rejected(RejectionKind.NotFound, "no such source"), outcome);
    }

    [Fact]
    public async Task Mutate_WithPathEscapingTheRepository_ReturnsRejected()
    {
        var outcome = await _t.Store.MutateAsync(Mutations.SetFiles(_t.Store.Current.Head, "escape", ("plugins/models/../../x.yaml", "a: 1\n")));

        Assert.Equal(RejectionKind.BadRequest, Assert.IsType<MutationOutcome.Rejected>(outcome).Kind);
    }

    [Fact]
    public async Task Mutate_DeletingAWholePlugin_RemovesItsFolder()
    {
        var outcome = await _t.Store.MutateAsync(Mutations.SetFiles(_t.Store.Current.Head, "remove mcp", (ConfigRepoSeed.McpSources, null), ("plugins/mcp/servers.yaml", null)));

        var committed = Assert.IsType<MutationOutcome.Committed>(outcome);
        Assert.Equal(["models"], committed.Snapshot.Plugins.Keys);
        Assert.Equal("plugins/models", GitCli.Run(_t.GitDirectory, "ls-tree", "--name-only", "main", "plugins/"));
    }

    [Fact]
    public async Task SnapshotChanged_FiresAfterACommit()
    {
        var seen = new List<ConfigSnapshot>();
        _t.Store.SnapshotChanged += seen.Add;

        var committed = Assert.IsType<MutationOutcome.Committed>(await _t.Store.MutateAsync(Mutations.IncrementCounter(_t.Store.Current.Head)));

        Assert.Equal(committed.Head, Assert.Single(seen).Head);
    }

    [Fact]
    public void Reload_AfterAnotherProcessCommitted_ServesTheirHeadAndFiresSnapshotChanged()
    {
        var seen = new List<ConfigSnapshot>();
        _t.Store.SnapshotChanged += seen.Add;
        var theirs = GitCli.CommitFile(_t.GitDirectory, "main", ConfigRepoSeed.CounterPath, ConfigRepoSeed.Counter(7), "external");

        var result = _t.Store.Reload();

        Assert.Equal(theirs, Assert.IsType<SnapshotResult.Valid>(result).Snapshot.Head);
        Assert.Equal(theirs, _t.Store.Current.Head);
        Assert.Equal(7, ConfigRepoSeed.ParseCounter(_t.Store.Current.Plugins["models"].Files["counter.yaml"].Span));
        Assert.Equal(theirs, Assert.Single(seen).Head);
        Assert.Null(_t.Store.HeadError);
    }

    [Fact]
    public void Reload_WithInvalidHead_KeepsServingTheLastGoodSnapshotAndReportsHeadError()
    {
        var good = _t.Store.Current;
        var seen = new List<ConfigSnapshot>();
        _t.Store.SnapshotChanged += seen.Add;
        var bad = GitCli.CommitFile(_t.GitDirectory, "main", ConfigRepoSeed.ModelsSources, "apiVersion: gitops/v1\nplugin: wrong-name\nsources: []\n", "break it");

        var result = _t.Store.Reload();

        Assert.IsType<SnapshotResult.Invalid>(result);
        Assert.Same(good, _t.Store.Current);
        var problem = Assert.IsType<HeadProblem>(_t.Store.HeadError);
        Assert.Equal(bad, problem.Head);
        Assert.Contains(problem.Errors, e => e.File == ConfigRepoSeed.ModelsSources);
        Assert.Empty(seen);

        var fixedHead = GitCli.CommitFile(_t.GitDirectory, "main", ConfigRepoSeed.ModelsSources, ConfigRepoSeed.ModelsSourcesYaml(enabled: false), "fix it");
        Assert.IsType<SnapshotResult.Valid>(_t.Store.Reload());
        Assert.Equal(fixedHead, _t.Store.Current.Head);
        Assert.Null(_t.Store.HeadError);
        Assert.Single(seen);
    }

    [Fact]
    public void ReadAt_AnOlderCommit_ReturnsItsSnapshot()
    {
        var seed = _t.Store.Current;
        GitCli.CommitFile(_t.GitDirectory, "main", ConfigRepoSeed.CounterPath, ConfigRepoSeed.Counter(3), "external");

        var result = Assert.IsType<SnapshotResult.Valid>(_t.Store.ReadAt(seed.Head));

        Assert.Equal(seed.Hash, result.Snapshot.Hash);
        Assert.Equal(seed.Head, result.Snapshot.Head);
    }

    [Fact]
    public async Task Mutate_FromASecondStoreOnTheSameRepository_IsSeenByTheFirstAfterReload()
    {
        using var second = _t.OpenSecond();
        var committed = Assert.IsType<MutationOutcome.Committed>(await second.MutateAsync(Mutations.IncrementCounter(second.Current.Head)));

        var stale = await _t.Store.MutateAsync(Mutations.IncrementCounter(_t.Store.Current.Head));
        _t.Store.Reload();

        Assert.Equal(committed.Head, Assert.IsType<MutationOutcome.HeadMoved>(stale).Current);
        Assert.Equal(committed.Head, _t.Store.Current.Head);
        Assert.Equal(committed.Snapshot.Hash, _t.Store.Current.Hash);
    }

    [Fact]
    public void Files_OfASnapshot_AreExactlyTheCommittedBytes()
    {
        var expected = ConfigRepoSeed.Files()["plugins/mcp/servers.yaml"];
        Assert.Equal(expected, Encoding.UTF8.GetString(_t.Store.Current.Plugins["mcp"].Files["servers.yaml"].Span));
        Assert.Equal(ContentHash.Of(_t.Store.Current.Plugins["mcp"].Files.Select(f => KeyValuePair.Create(f.Key, f.Value))), _t.Store.Current.Plugins["mcp"].Hash);
    }
}
