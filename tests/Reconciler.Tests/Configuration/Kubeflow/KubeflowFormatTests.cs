using GitOps.Reconciler.Configuration;
using GitOps.Reconciler.Plugins;
using static GitOps.Reconciler.Tests.Configuration.ConfigFiles;

namespace GitOps.Reconciler.Tests.Configuration.Kubeflow;

/// <summary>The Kubeflow dialect's rules: strict fields with positions, filter patterns, ids across sections, deprecations.</summary>
public sealed class KubeflowFormatTests
{
    private const string Mcp = "mcp_servers:\n  - name: github\n  - name: jira\n";

    private static SourcesParseResult Parse(string yaml) => SourcesFileParser.Parse("plugins/models/sources.yaml", Bytes(yaml), YamlLimits.Default);

    private static ValidationError OnlyError(string yaml) => Assert.Single(Assert.IsType<SourcesParseResult.Failed>(Parse(yaml)).Errors);

    [Fact]
    public void CurrentShape_ReadsModelAndMcpSourcesAndTopLevelBlocks()
    {
        const string yaml = """
            model_catalogs:
              - {name: Org, id: org, type: yaml, properties: {yamlCatalogPath: org.yaml}, includedModels: [granite-*], assetType: models}
            mcp_catalogs:
              - {name: Tools, id: tools, type: yaml, enabled: false, properties: {yamlCatalogPath: mcp.yaml}, excludedServers: ["*-beta"]}
            labels:
              - name: null
                displayName: Community and custom
            namedQueries:
              legacy_flat: {license: {operator: "=", value: apache-2.0}}
            """;
        var plugin = Valid(Models(yaml, ("mcp.yaml", Mcp))).Plugins["models"];

        Assert.Equal(KubeflowFormat.Dialect, plugin.Dialect);
        Assert.Equal(["granite-*"], plugin.Sources[0].Include.ToArray());
        Assert.Equal("models", plugin.Sources[0].AssetType);
        Assert.Equal(["*-beta"], plugin.Sources[1].Exclude.ToArray());
        Assert.Equal(KubeflowFormat.McpSection, plugin.Sources[1].Section);
        Assert.Equal(["labels", "namedQueries"], plugin.Config.Keys);
    }

    [Fact]
    public void UnknownTopLevelField_IsRefusedWithItsPosition()
    {
        var error = OnlyError("model_catalogs: []\nsources: []\n");
        Assert.Equal(("plugins/models/sources.yaml", 2, 1, "sources"), (error.File, error.Line, error.Column, error.Field));
        Assert.StartsWith("unknown field; expected one of model_catalogs, mcp_catalogs, labels, namedQueries, catalogs", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ModelFilterField_InAnMcpSource_IsUnknown()
    {
        var error = OnlyError("mcp_catalogs:\n  - {name: T, id: t, type: yaml, includedModels: [x]}\n");
        Assert.Equal((2, 34, "mcp_catalogs[0].includedModels"), (error.Line, error.Column, error.Field));
    }

    [Theory]
    [InlineData("includedModels: ['']", "model_catalogs[0].includedModels[0]")]
    [InlineData("excludedModels: [ok, '   ']", "model_catalogs[0].excludedModels[1]")]
    public void BlankPattern_IsAValidationErrorNamingTheField(string filter, string field)
    {
        var error = OnlyError($"model_catalogs:\n  - {{name: A, id: a, type: yaml, {filter}}}\n");
        Assert.Equal((field, "pattern cannot be empty"), (error.Field, error.Message));
    }

    [Fact]
    public void BlankPattern_InGitOpsV1_IsRefusedToo()
    {
        var error = OnlyError("apiVersion: gitops/v1\nplugin: models\nsources:\n  - {id: a, name: A, type: yaml, include: [' ']}\n");
        Assert.Equal(("sources[0].include[0]", "pattern cannot be empty"), (error.Field, error.Message));
    }

    [Fact]
    public void SameId_InModelAndMcpSections_IsADuplicate()
    {
        const string yaml = """
            model_catalogs:
              - {name: A, id: shared, type: yaml, properties: {yamlCatalogPath: org.yaml}}
            mcp_catalogs:
              - {name: B, id: shared, type: yaml, properties: {yamlCatalogPath: mcp.yaml}}
            """;
        var error = Assert.Single(Errors(Models(yaml, ("mcp.yaml", Mcp))));
        Assert.Equal(("mcp_catalogs[0].id", 4), (error.Field, error.Line));
        Assert.Contains("duplicate source id 'shared'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TypeError_InDeprecatedCatalogs_PointsAtTheLineAsWritten()
    {
        var error = OnlyError("catalogs:\n  - name: A\n    id: a\n    type: yaml\n    enabled: maybe\n");
        Assert.Equal((5, 14, "catalogs[0].enabled", "expected true or false"), (error.Line, error.Column, error.Field, error.Message));
    }

    [Fact]
    public void PropertiesIncludedModels_IsIgnoredWithAWarning_AndPropertiesExcludedModelsApplies()
    {
        const string yaml = """
            catalogs:
              - name: A
                id: a
                type: yaml
                properties:
                  yamlCatalogPath: org.yaml
                  includedModels: [nothing-matches]
                  excludedModels: ["*-preview"]
            """;
        var source = Assert.Single(Valid(Models(yaml)).Plugins["models"].Sources);

        Assert.Empty(source.Include);
        Assert.Contains(SourceNotes.For(source), n => n.Message.Contains("properties.includedModels is ignored", StringComparison.Ordinal));
        var filter = NameFilter.For(source);
        Assert.True(filter.Matches("granite-8b-code-instruct"));
        Assert.False(filter.Matches("granite-3.1-8b-preview"));
    }

    [Fact]
    public void UnknownProviderType_InKubeflow_StillLoadsTheFile()
    {
        var plugin = Valid(Models("model_catalogs:\n  - {name: HF, id: hf, type: hf, properties: {apiKeyEnvVar: HF_API_KEY}}\n")).Plugins["models"];
        Assert.Equal("hf", Assert.Single(plugin.Sources).Type);
    }
}
