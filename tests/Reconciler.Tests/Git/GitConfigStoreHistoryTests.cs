using GitOps.Reconciler.Git;
using GitOps.TestSupport.Git;

namespace GitOps.Reconciler.Tests.Git;

public sealed class GitConfigStoreHistoryTests : IDisposable
{
    private readonly TestStore _t = new();

    public void Dispose() => _t.Dispose();

    private async Task<string> Commit(MutationRequest request) =>
        Assert.IsType<MutationOutcome.Committed>(await _t.Store.MutateAsync(request with { ExpectedHead = _t.Store.Current.Head })).Head;

    [Fact]
    public async Task History_ListsCommitsNewestFirstWithChangedSourcesAndTrailers()
    {
        var seed = _t.Store.Current.Head;
        var counter = await Commit(Mutations.IncrementCounter(null, "req-1"));
        var disable = await Commit(Mutations.SetFiles(null, "models: disable source team", (ConfigRepoSeed.ModelsSources, ConfigRepoSeed.ModelsSourcesYaml(enabled: false))));

        var history = _t.Store.History(new HistoryQuery());

        Assert.Equal([disable, counter, seed], history.Select(e => e.Sha));
        var latest = history[0];
        Assert.Equal("models: disable source team", latest.Summary);
        Assert.Equal(["models"], latest.ChangedPlugins.AsEnumerable());
        Assert.Equal([new ChangedSource("models", "team", ChangeKind.Modified)], latest.ChangedSources.AsEnumerable());
        Assert.Equal("alice", latest.AuthorName);
        Assert.Equal([counter], latest.Parents.AsEnumerable());
        Assert.Equal("req-1", history[1].Trailers["Request-Id"]);
        Assert.Equal("alice <alice@gitops.local>", history[1].Trailers["Changed-By"]);
        Assert.Equal([new ChangedSource("models", "counter", ChangeKind.Modified)], history[1].ChangedSources.AsEnumerable());
        Assert.Equal(["mcp", "models"], history[2].ChangedPlugins.AsEnumerable());
        Assert.All(history[2].ChangedSources, c => Assert.Equal(ChangeKind.Added, c.Change));
        Assert.Equal(3, history[2].ChangedSources.Length);
    }

    [Fact]
    public async Task History_ReportsAddedAndRemovedSources()
    {
        var added = await Commit(Mutations.SetFiles(null, "mcp: add source extra", (ConfigRepoSeed.McpSources, """
            apiVersion: gitops/v1
            plugin: mcp
            sources:
              - id: extra
                name: Extra
                type: yaml
                properties:
                  yamlCatalogPath: servers.yaml
            """ + "\n")));

        var entry = Assert.Single(_t.Store.History(new HistoryQuery(Limit: 1)));

        Assert.Equal(added, entry.Sha);
        Assert.Equal(
            [new ChangedSource("mcp", "extra", ChangeKind.Added), new ChangedSource("mcp", "community_mcp", ChangeKind.Removed)],
            entry.ChangedSources.AsEnumerable());
    }

    [Fact]
    public async Task History_FilteredByPluginAndSource_ReturnsOnlyCommitsTouchingThem()
    {
        var seed = _t.Store.Current.Head;
        var counter = await Commit(Mutations.IncrementCounter(null));
        var mcp = await Commit(Mutations.SetFiles(null, "mcp: change servers", ("plugins/mcp/servers.yaml", "mcp_servers:\n  - name: only\n")));
        var team = await Commit(Mutations.SetFiles(null, "models: change team", ("plugins/models/team.yaml", "models:\n  - name: other\n")));

        Assert.Equal([mcp, seed], _t.Store.History(new HistoryQuery(Plugin: "mcp")).Select(e => e.Sha));
        Assert.Equal([team, counter, seed], _t.Store.History(new HistoryQuery(Plugin: "models")).Select(e => e.Sha));
        Assert.Equal([counter, seed], _t.Store.History(new HistoryQuery(Plugin: "models", Source: "counter")).Select(e => e.Sha));
        Assert.Equal([team], _t.Store.History(new HistoryQuery(Source: "team", Limit: 1)).Select(e => e.Sha));
    }

    [Fact]
    public async Task GetCommit_ReturnsTheEntryAndAUnifiedPatchPerFile()
    {
        var sha = await Commit(Mutations.IncrementCounter(null));

        var details = Assert.IsType<CommitDetails>(_t.Store.GetCommit(sha));

        Assert.Equal(sha, details.Entry.Sha);
        var file = Assert.Single(details.Files);
        Assert.Equal(ConfigRepoSeed.CounterPath, file.Path);
        Assert.Equal("modified", file.Status);
        Assert.StartsWith("@@", file.Patch, StringComparison.Ordinal);
        Assert.Contains("-  - name: counter-0", file.Patch, StringComparison.Ordinal);
        Assert.Contains("+  - name: counter-1", file.Patch, StringComparison.Ordinal);
    }

    [Fact]
    public void GetCommit_OfTheSeed_ListsEveryFileAsAdded()
    {
        var details = Assert.IsType<CommitDetails>(_t.Store.GetCommit(_t.Store.Current.Head));

        Assert.Equal(ConfigRepoSeed.Files().Keys.Order(StringComparer.Ordinal), details.Files.Select(f => f.Path));
        Assert.All(details.Files, f => Assert.Equal("added", f.Status));
    }

    [Fact]
    public void GetCommit_WithUnknownSha_ReturnsNull()
    {
        Assert.Null(_t.Store.GetCommit(new string('a', 40)));
        Assert.Null(_t.Store.GetCommit("not-a-sha"));
    }
}
