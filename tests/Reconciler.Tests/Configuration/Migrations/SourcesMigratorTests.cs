using GitOps.Reconciler.Configuration;
using static GitOps.Reconciler.Tests.Configuration.ConfigFiles;

namespace GitOps.Reconciler.Tests.Configuration.Migrations;

public sealed class SourcesMigratorTests
{
    /// <summary>The shape of a Kubeflow Model Registry catalog sources.yaml (model-catalog-sources ConfigMap).</summary>
    private const string Kubeflow = """
        catalogs:
          - name: Organization AI Models
            id: organization_ai_models
            type: yaml
            enabled: true
            labels:
              - Organization AI
            properties:
              yamlCatalogPath: org.yaml
              includedModels:
                - granite-*
              excludedModels:
                - "*-preview"
          - name: Community Models
            id: community_models
            type: yaml
            enabled: false
            properties:
              yamlCatalogPath: community.yaml
        """;

    private const string Community = "source: Community\nmodels:\n  - name: llama-3.1-8b-instruct\n";

    [Fact]
    public void Build_WithKubeflowCatalogsShape_MigratesToV1()
    {
        var plugin = Valid(Models(Kubeflow, ("community.yaml", Community))).Plugins["models"];
        Assert.Equal("kubeflow-model-catalog", plugin.MigratedFrom);
        Assert.Equal(["organization_ai_models", "community_models"], plugin.Sources.Select(s => s.Id));
        var org = plugin.Sources[0];
        Assert.Equal(("Organization AI Models", "yaml", true), (org.Name, org.Type, org.Enabled));
        Assert.Equal(["Organization AI"], org.Labels.ToArray());
        Assert.Equal(["granite-*"], org.Include.ToArray());
        Assert.Equal(["*-preview"], org.Exclude.ToArray());
        Assert.Equal(["yamlCatalogPath"], org.Properties.Keys);
        Assert.False(plugin.Sources[1].Enabled);
        Assert.Empty(plugin.Sources[1].Include);
    }

    [Fact]
    public void Parse_WithKubeflowShape_TakesThePluginNameFromTheFolder()
    {
        var parsed = Assert.IsType<SourcesParseResult.Parsed>(SourcesFileParser.Parse("plugins/models/sources.yaml", Bytes(Kubeflow), YamlLimits.Default));
        Assert.Equal("models", parsed.Document.Plugin);
        Assert.Equal((13, 11), parsed.Locations[0].PositionOf("exclude[0]"));
    }

    [Fact]
    public void Parse_WithKubeflowEntryLevelIncludedModels_MovesThemToo()
    {
        const string yaml = "catalogs:\n  - {name: A, id: a, type: yaml, includedModels: [x-*], properties: {yamlCatalogPath: org.yaml}}\n";
        var source = Assert.Single(Assert.IsType<SourcesParseResult.Parsed>(SourcesFileParser.Parse("plugins/models/sources.yaml", Bytes(yaml), YamlLimits.Default)).Document.Sources);
        Assert.Equal(["x-*"], source.Include.ToArray());
    }

    [Fact]
    public void Parse_WithKubeflowTypeError_PointsAtTheOriginalLine()
    {
        var error = Assert.Single(Assert.IsType<SourcesParseResult.Failed>(
            SourcesFileParser.Parse("plugins/models/sources.yaml", Bytes(Kubeflow.Replace("enabled: false", "enabled: maybe", StringComparison.Ordinal)), YamlLimits.Default)).Errors);
        AssertError(error, "plugins/models/sources.yaml", 17, 14, "sources[1].enabled", "expected true or false");
    }

    [Fact]
    public void Build_WithoutApiVersion_MigratesTheSameShape()
    {
        const string unversioned = """
            plugin: models
            config: {pageSize: 20}
            sources:
              - {id: org, name: Org, type: yaml, properties: {yamlCatalogPath: org.yaml}}
            """;
        var plugin = Valid(Models(unversioned)).Plugins["models"];
        Assert.Equal("unversioned", plugin.MigratedFrom);
        Assert.Equal(20L, plugin.Config["pageSize"]);
        Assert.Equal("org", Assert.Single(plugin.Sources).Id);
    }

    [Fact]
    public void Build_WithoutApiVersionOrPlugin_TakesTheFolderName()
    {
        var plugin = Valid(Models("sources:\n  - {id: org, name: Org, type: yaml, properties: {yamlCatalogPath: org.yaml}}\n")).Plugins["models"];
        Assert.Equal("unversioned", plugin.MigratedFrom);
    }

    [Fact]
    public void Build_WithCurrentVersion_IsNotMigrated()
    {
        var plugin = Valid(Models("apiVersion: gitops/v1\nplugin: models\nsources: []\n")).Plugins["models"];
        Assert.Null(plugin.MigratedFrom);
    }

    [Fact]
    public void Write_OfAMigratedFile_ReadsBackAsV1WithoutMigration()
    {
        var document = Assert.IsType<SourcesParseResult.Parsed>(SourcesFileParser.Parse("plugins/models/sources.yaml", Bytes(Kubeflow), YamlLimits.Default)).Document;
        var written = SourcesYamlWriter.Write(document);
        var reread = Assert.IsType<SourcesParseResult.Parsed>(SourcesFileParser.Parse("plugins/models/sources.yaml", written, YamlLimits.Default)).Document;
        Assert.Null(reread.MigratedFrom);
        Assert.Equal(["granite-*"], reread.Sources[0].Include.ToArray());
        Assert.StartsWith("apiVersion: gitops/v1\nplugin: models\n", System.Text.Encoding.UTF8.GetString(written), StringComparison.Ordinal);
    }
}
