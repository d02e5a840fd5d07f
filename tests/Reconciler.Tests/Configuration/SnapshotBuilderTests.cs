using GitOps.Reconciler.Configuration;
using GitOps.TestSupport.Hosting;
using static GitOps.Reconciler.Tests.Configuration.ConfigFiles;

namespace GitOps.Reconciler.Tests.Configuration;

public sealed class SnapshotBuilderTests
{
    private const string TwoSources = """
        apiVersion: gitops/v1
        plugin: models
        sources:
          - id: org
            name: Organization
            type: yaml
            properties:
              yamlCatalogPath: org.yaml
          - id: community
            name: Community
            type: yaml
            properties:
              yamlCatalogPath: community.yaml
        """;

    private const string Community = "source: Community\nmodels:\n  - name: llama-3.1-8b-instruct\n";

    private static Dictionary<string, ReadOnlyMemory<byte>> Tree() => Models(TwoSources, ("community.yaml", Community));

    [Fact]
    public void Build_ExamplesRepo_IsValidWithTheExpectedPluginsSourcesAndEntities()
    {
        var snapshot = Valid(FromDisk(RepositoryRoot.ExamplesRepo));
        Assert.Equal(["catalog", "mcp", "models"], snapshot.Plugins.Keys);
        var models = snapshot.Plugins["models"];
        Assert.Equal(["organization_ai_models", "community_models", "validated_models"], models.Sources.Select(s => s.Id));
        Assert.Contains(models.Sources, s => !s.Enabled);
        Assert.Contains(models.Sources, s => s.Include.Length > 0 && s.Exclude.Length > 0);
        Assert.Equal(50L, models.Config["pageSize"]);
        Assert.Equal(["community_mcp", "organization_mcp"], snapshot.Plugins["mcp"].Sources.Select(s => s.Id));
        Assert.NotEmpty(snapshot.Plugins["mcp"].Config);

        int Entities(PluginSnapshot plugin) => plugin.Sources.Sum(s =>
        {
            var file = (string)s.Properties["yamlCatalogPath"]!;
            var parsed = Assert.IsType<CatalogParseResult.Parsed>(CatalogParser.Parse(file, plugin.Files[file], YamlLimits.Default));
            Assert.All(parsed.Document.Entities, e => Assert.True(e.Fields.ContainsKey("description")));
            return parsed.Document.Entities.Length;
        });
        Assert.Equal(24, Entities(models));
        Assert.Equal(8, Entities(snapshot.Plugins["mcp"]));
    }

    [Fact]
    public void Build_ExamplesRepoCatalog_IsAKubeflowPluginWithModelsAndMcpServers()
    {
        var plugin = Valid(FromDisk(RepositoryRoot.ExamplesRepo)).Plugins["catalog"];

        Assert.Equal(KubeflowFormat.Dialect, plugin.Dialect);
        Assert.Equal([(KubeflowFormat.ModelSection, "models"), (KubeflowFormat.McpSection, "mcp_servers")], plugin.Sources.Select(s => (s.Section!, s.EffectiveAssetType)));
        Assert.Equal([3, 2], plugin.Sources.Select(s => GitOps.Reconciler.GitHub.EntityCounter.Count(plugin, s, YamlLimits.Default)));
        Assert.Equal(["labels", "namedQueries"], plugin.Config.Keys);
    }

    [Fact]
    public void Build_ExamplesRepoModels_CarryTheFieldsOfRealModelCatalogs()
    {
        var plugin = Valid(FromDisk(RepositoryRoot.ExamplesRepo)).Plugins["models"];
        string[] fields = ["name", "description", "provider", "license", "licenseLink", "readme", "language", "tasks", "libraryName",
            "logo", "createTimeSinceEpoch", "lastUpdateTimeSinceEpoch", "artifacts", "customProperties"];
        foreach (var file in plugin.Files.Keys.Where(f => f != SnapshotBuilder.SourcesFile))
        {
            var document = Assert.IsType<CatalogParseResult.Parsed>(CatalogParser.Parse(file, plugin.Files[file], YamlLimits.Default)).Document;
            Assert.All(document.Entities, e => Assert.All(fields, f => Assert.True(e.Fields.ContainsKey(f), $"{file}: {e.Name} lacks {f}")));
            Assert.All(document.Entities, e => Assert.Contains('\n', (string)e.Fields["readme"]!));
        }
    }

    [Fact]
    public void Build_SameFiles_GiveTheSameHashes()
    {
        var a = Valid(Tree());
        var b = Valid(Tree());
        Assert.Equal(a.Hash, b.Hash);
        Assert.Equal(a.Plugins["models"].SourceHashes, b.Plugins["models"].SourceHashes);
        Assert.Matches("^[0-9a-f]{64}$", a.Hash);
    }

    [Fact]
    public void Build_WithOneCatalogChanged_ChangesThatSourceHashAlone()
    {
        var before = Valid(Tree()).Plugins["models"];
        var tree = Tree();
        tree["plugins/models/community.yaml"] = Bytes(Community + "  - name: mistral-7b-instruct\n");
        var after = Valid(tree).Plugins["models"];
        Assert.NotEqual(before.Hash, after.Hash);
        Assert.NotEqual(before.SourceHashes["community"], after.SourceHashes["community"]);
        Assert.Equal(before.SourceHashes["org"], after.SourceHashes["org"]);
    }

    [Fact]
    public void Build_WithOneSourceEntryChanged_LeavesTheSiblingHashAlone()
    {
        var before = Valid(Tree()).Plugins["models"];
        var after = Valid(Models(TwoSources.Replace("name: Community", "name: Community models", StringComparison.Ordinal), ("community.yaml", Community))).Plugins["models"];
        Assert.NotEqual(before.Hash, after.Hash);
        Assert.NotEqual(before.SourceHashes["community"], after.SourceHashes["community"]);
        Assert.Equal(before.SourceHashes["org"], after.SourceHashes["org"]);
    }

    [Fact]
    public void Build_WithOnlyFormattingChanged_KeepsSourceHashesButNotThePluginHash()
    {
        var before = Valid(Tree()).Plugins["models"];
        var after = Valid(Models("# reformatted\n" + TwoSources, ("community.yaml", Community))).Plugins["models"];
        Assert.NotEqual(before.Hash, after.Hash);
        Assert.Equal(before.SourceHashes, after.SourceHashes);
    }

    [Fact]
    public void Build_WithAnUnreferencedFileChanged_ChangesThePluginHashOnly()
    {
        var before = Valid(Tree());
        var tree = Tree();
        tree["plugins/models/notes.yaml"] = Bytes("notes: unreferenced");
        var after = Valid(tree);
        Assert.NotEqual(before.Plugins["models"].Hash, after.Plugins["models"].Hash);
        Assert.NotEqual(before.Hash, after.Hash);
        Assert.Equal(before.Plugins["models"].SourceHashes, after.Plugins["models"].SourceHashes);
    }

    [Fact]
    public void Build_WithAnotherPluginChanged_KeepsThisPluginsHash()
    {
        var tree = Tree();
        tree["plugins/mcp/sources.yaml"] = Bytes("apiVersion: gitops/v1\nplugin: mcp\nsources: []\n");
        var before = Valid(tree);
        tree["plugins/mcp/sources.yaml"] = Bytes("apiVersion: gitops/v1\nplugin: mcp\nconfig: {pageSize: 5}\nsources: []\n");
        var after = Valid(tree);
        Assert.Equal(before.Plugins["models"].Hash, after.Plugins["models"].Hash);
        Assert.NotEqual(before.Plugins["mcp"].Hash, after.Plugins["mcp"].Hash);
        Assert.NotEqual(before.Hash, after.Hash);
    }

    [Fact]
    public void Build_IgnoresFilesOutsidePlugins()
    {
        var tree = Tree();
        var before = Valid(tree).Hash;
        tree["README.md"] = Bytes("# hello");
        Assert.Equal(before, Valid(tree).Hash);
    }

    [Fact]
    public void Build_WithFileDirectlyUnderPlugins_IsRefused()
    {
        var tree = Tree();
        tree["plugins/stray.yaml"] = Bytes("a: 1");
        AssertError(Assert.Single(Errors(tree)), "plugins/stray.yaml", 0, 0, "", "not allowed");
    }

    [Fact]
    public void Build_WithoutSourcesFile_NamesTheMissingFile()
    {
        var tree = Tree();
        tree.Remove("plugins/models/sources.yaml");
        AssertError(Assert.Single(Errors(tree)), "plugins/models/sources.yaml", 0, 0, "", "missing sources.yaml");
    }
}
