using System.Text;
using GitOps.Reconciler.Git;
using GitOps.Reconciler.Git.Versions;
using GitOps.TestSupport.Git;

namespace GitOps.Reconciler.Tests.Git.Versions;

public sealed class PluginVersionsTests : IDisposable
{
    private readonly TestStore _t = new();

    public void Dispose() => _t.Dispose();

    private async Task<string> Commit(MutationRequest request) =>
        Assert.IsType<MutationOutcome.Committed>(await _t.Store.MutateAsync(request with { ExpectedHead = _t.Store.Current.Head })).Head;

    [Fact]
    public async Task PluginVersions_PageAfterTheCursor_AndTheVersionAHeadHoldsIsTheNewestAtOrBeforeIt()
    {
        var seed = _t.Store.Current.Head;
        var first = await Commit(Mutations.IncrementCounter(null));
        var mcp = await Commit(Mutations.SetFiles(null, "mcp: servers", ("plugins/mcp/servers.yaml", "mcp_servers:\n  - name: fetch\n")));
        var second = await Commit(Mutations.IncrementCounter(null));

        var page = _t.Store.PluginVersions("models", 2, null).Entries;
        var next = _t.Store.PluginVersions("models", 2, page[^1].Sha).Entries;

        Assert.Equal([second, first], page.Select(e => e.Sha));
        Assert.Equal([seed], next.Select(e => e.Sha));
        Assert.Equal(first, _t.Store.PluginVersionAt("models", mcp));
        Assert.Equal(mcp, _t.Store.PluginVersionAt("mcp", second));
        Assert.Null(_t.Store.PluginVersionAt("models", "0123456789abcdef0123456789abcdef01234567"));
    }

    [Fact]
    public async Task PluginFolderAt_GivesTheFolderAsCommitted_OrSaysWhatIsMissing()
    {
        var seed = _t.Store.Current.Head;
        await Commit(Mutations.SetFiles(null, "models: drop team", ("plugins/models/team.yaml", null), (ConfigRepoSeed.ModelsSources, ConfigRepoSeed.ModelsSourcesYaml(enabled: true).Replace("team.yaml", "counter.yaml", StringComparison.Ordinal))));

        var found = Assert.IsType<PluginFolderAt.Found>(_t.Store.PluginFolderAt(seed[..8], "models"));

        Assert.Equal(seed, found.Sha);
        Assert.Equal(["counter.yaml", "sources.yaml", "team.yaml"], found.Files.Keys);
        Assert.Equal(ConfigRepoSeed.Files()["plugins/models/team.yaml"], Encoding.UTF8.GetString(found.Files["team.yaml"].Span));
        Assert.IsType<PluginFolderAt.CommitNotFound>(_t.Store.PluginFolderAt("0123456789abcdef", "models"));
        Assert.Equal(seed, Assert.IsType<PluginFolderAt.PluginMissing>(_t.Store.PluginFolderAt(seed, "nope")).Sha);
    }

    [Fact]
    public async Task DraftsTouching_ListsOnlyDraftBranchesWhoseChangeSinceTheMergeBaseTouchesThePlugin()
    {
        Draft("drafts/published", "plugins/mcp/servers.yaml", "mcp_servers:\n  - name: published\n");
        await Commit(Mutations.SetFiles(null, "publish", ("plugins/mcp/servers.yaml", "mcp_servers:\n  - name: published\n")));
        var touching = Draft("drafts/raise", "plugins/models/team.yaml", "source: team\nmodels:\n  - name: team-model-c\n");
        Draft("drafts/other", "plugins/mcp/servers.yaml", "mcp_servers: []\n");
        Draft("archive/drafts/old", "plugins/models/team.yaml", "source: team\nmodels: []\n");

        var drafts = _t.Store.DraftsTouching("models");

        var draft = Assert.Single(drafts);
        Assert.Equal("raise", draft.Id);
        Assert.Equal(touching, draft.Head);
        Assert.Equal(["team"], draft.ChangedSources.AsEnumerable()); // the catalog file of source team, not counter
        Assert.Equal("other", Assert.Single(_t.Store.DraftsTouching("mcp")).Id); // not the published one: main holds its change
    }

    private string Draft(string branch, string path, string content) => DraftBranches.Commit(_t.GitDirectory, branch, path, content);
}
