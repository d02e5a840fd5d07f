using GitOps.Reconciler.Git;
using GitOps.TestSupport.Git;

namespace GitOps.Reconciler.Tests.Git;

public sealed class GitConfigStoreRevertTests : IDisposable
{
    private readonly TestStore _t = new();

    public void Dispose() => _t.Dispose();

    private async Task<MutationOutcome.Committed> Commit(MutationRequest request) =>
        Assert.IsType<MutationOutcome.Committed>(await _t.Store.MutateAsync(request with { ExpectedHead = _t.Store.Current.Head }));

    [Fact]
    public async Task Revert_OfTheLastCommit_RestoresTheParentsFilesInANewCommit()
    {
        var seedHash = _t.Store.Current.Hash;
        var change = await Commit(Mutations.SetFiles(null, "models: disable source team", (ConfigRepoSeed.ModelsSources, ConfigRepoSeed.ModelsSourcesYaml(enabled: false))));

        var outcome = await _t.Store.RevertAsync(change.Head, change.Head, Mutations.Alice, "it broke things", "req-r");

        var reverted = Assert.IsType<MutationOutcome.Committed>(outcome);
        Assert.Equal(change.Head, reverted.PreviousHead);
        Assert.Equal(seedHash, reverted.Snapshot.Hash);
        var message = GitCli.Run(_t.GitDirectory, "log", "-1", "--format=%B", reverted.Head);
        Assert.StartsWith("Revert \"models: disable source team\"\n\nThis reverts commit " + change.Head + ".\n\nit broke things\n\nRequest-Id: req-r", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Revert_OfAnOlderCommit_KeepsLaterChangesToOtherFiles()
    {
        var added = await Commit(Mutations.SetFiles(null, "add notes", ("plugins/models/notes.yaml", "models:\n  - name: note\n")));
        var later = await Commit(Mutations.IncrementCounter(null));

        var reverted = Assert.IsType<MutationOutcome.Committed>(await _t.Store.RevertAsync(added.Head, null, Mutations.Alice, null, "req"));

        Assert.False(reverted.Snapshot.Plugins["models"].Files.ContainsKey("notes.yaml"));
        Assert.Equal(1, ConfigRepoSeed.ParseCounter(reverted.Snapshot.Plugins["models"].Files["counter.yaml"].Span));
        Assert.Equal(later.Head, reverted.PreviousHead);
    }

    [Fact]
    public async Task Revert_WhenALaterCommitChangedTheSameFile_ReturnsConflictNamingTheFile()
    {
        var first = await Commit(Mutations.IncrementCounter(null));
        var second = await Commit(Mutations.IncrementCounter(null));

        var outcome = await _t.Store.RevertAsync(first.Head, second.Head, Mutations.Alice, null, "req");

        var rejected = Assert.IsType<MutationOutcome.Rejected>(outcome);
        Assert.Equal(RejectionKind.Conflict, rejected.Kind);
        Assert.Contains(ConfigRepoSeed.CounterPath, rejected.Message, StringComparison.Ordinal);
        Assert.Equal(second.Head, _t.BranchHead());
    }

    [Fact]
    public async Task Revert_WithStaleExpectedHead_ReturnsHeadMoved()
    {
        var first = await Commit(Mutations.IncrementCounter(null));
        await Commit(Mutations.SetFiles(null, "other", ("plugins/mcp/servers.yaml", "mcp_servers:\n  - name: x\n")));

        var outcome = await _t.Store.RevertAsync(first.Head, first.Head, Mutations.Alice, null, "req");

        Assert.IsType<MutationOutcome.HeadMoved>(outcome);
    }

    [Fact]
    public async Task Revert_WhoseResultWouldBeInvalid_ReturnsInvalid()
    {
        var addCatalog = await Commit(Mutations.SetFiles(null, "add catalog", ("plugins/mcp/more.yaml", "mcp_servers:\n  - name: more\n")));
        await Commit(Mutations.SetFiles(null, "use catalog", (ConfigRepoSeed.McpSources, """
            apiVersion: gitops/v1
            plugin: mcp
            sources:
              - id: more
                name: More
                type: yaml
                properties:
                  yamlCatalogPath: more.yaml
            """ + "\n")));

        var outcome = await _t.Store.RevertAsync(addCatalog.Head, null, Mutations.Alice, null, "req");

        Assert.IsType<MutationOutcome.Invalid>(outcome);
    }

    [Fact]
    public async Task Revert_OfUnknownCommit_ReturnsNotFound()
    {
        var outcome = await _t.Store.RevertAsync(new string('b', 40), null, Mutations.Alice, null, "req");

        Assert.Equal(RejectionKind.NotFound, Assert.IsType<MutationOutcome.Rejected>(outcome).Kind);
    }
}
