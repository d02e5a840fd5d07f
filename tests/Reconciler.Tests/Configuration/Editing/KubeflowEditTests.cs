using GitOps.Reconciler.Configuration;
using static GitOps.Reconciler.Tests.Configuration.Editing.EditCase;

namespace GitOps.Reconciler.Tests.Configuration.Editing;

/// <summary>Every edit kind on a commented Kubeflow sources.yaml, asserting the exact bytes written (issue 13).</summary>
public sealed class KubeflowEditTests
{
    private const string File = """
        # Catalog sources for the demo cluster.
        model_catalogs:
          # Models the organization publishes itself.
          - name: "Organization AI Models"
            id: organization_ai_models
            type: yaml
            enabled: true   # keep on
            properties:
              yamlCatalogPath: dev-organization-models.yaml
            labels:
              - Organization AI
          - name: 'Community Models'
            id: community_models
            type: yaml
            properties:
              yamlCatalogPath: dev-community-models.yaml
            excludedModels:
              - "*-preview"

        mcp_catalogs:
          - name: "Organization MCP Servers"
            id: organization_mcp_servers
            type: yaml
            enabled: true
            properties:
              yamlCatalogPath: dev-organization-mcp-servers.yaml

        # Presets clients can ask for by name.
        namedQueries:
          read_only_servers:
            assetType: mcp_servers
            filters:
              readOnlyTools:
                operator: "="
                value: true

        """;

    [Fact]
    public void Disable_ChangesOneScalarAndKeepsItsComment()
    {
        var edited = EditSources(File, s => Replace(s, "organization_ai_models", x => x with { Enabled = false }));
        Assert.Equal(File.Replace("enabled: true   # keep on", "enabled: false   # keep on", StringComparison.Ordinal), edited);
        Assert.Equal(["-    enabled: true   # keep on", "+    enabled: false   # keep on"], ChangedLines(File, edited));
    }

    [Fact]
    public void Disable_WithoutAnEnabledField_AddsOneLineAtTheEndOfTheSource()
    {
        var edited = EditSources(File, s => Replace(s, "community_models", x => x with { Enabled = false }));
        Assert.Equal(File.Replace("""
                  - "*-preview"

            """, """
                  - "*-preview"
                enabled: false

            """, StringComparison.Ordinal), edited);
    }

    [Fact]
    public void Add_AppendsOneBlockInTheStyleOfItsNeighbours()
    {
        var added = new SourceConfig("validated_models", "Validated AI Models", "yaml", true, ["Validated AI"],
            Map(("yamlCatalogPath", "dev-validated-models.yaml")), ["granite-*"], []);
        var edited = EditSources(File, s => s.Add(added));
        Assert.Equal(File.Replace("""
                  - "*-preview"

            """, """
                  - "*-preview"
              - name: "Validated AI Models"
                id: validated_models
                type: yaml
                enabled: true
                properties:
                  yamlCatalogPath: dev-validated-models.yaml
                labels:
                  - Validated AI
                includedModels:
                  - granite-*

            """, StringComparison.Ordinal), edited);
    }

    [Fact]
    public void Add_OfAnMcpSource_GoesToMcpCatalogs()
    {
        var added = new SourceConfig("community_mcp", "Community MCP", "yaml", false, [],
            Map(("yamlCatalogPath", "community-mcp.yaml")), [], ["*-beta"]) { Section = KubeflowFormat.McpSection };
        var edited = EditSources(File, s => s.Add(added));
        Assert.Equal(File.Replace("""
                  yamlCatalogPath: dev-organization-mcp-servers.yaml

            """, """
                  yamlCatalogPath: dev-organization-mcp-servers.yaml
              - name: "Community MCP"
                id: community_mcp
                type: yaml
                enabled: false
                properties:
                  yamlCatalogPath: community-mcp.yaml
                excludedServers:
                  - "*-beta"

            """, StringComparison.Ordinal), edited);
    }

    [Fact]
    public void Remove_TakesTheSourceBlockAndTheCommentAboveIt()
    {
        var edited = EditSources(File, s => s.Where(x => x.Id != "organization_ai_models"));
        Assert.Equal(File.Replace("""
              # Models the organization publishes itself.
              - name: "Organization AI Models"
                id: organization_ai_models
                type: yaml
                enabled: true   # keep on
                properties:
                  yamlCatalogPath: dev-organization-models.yaml
                labels:
                  - Organization AI

            """, "", StringComparison.Ordinal), edited);
    }

    [Fact]
    public void Remove_OfTheLastMcpSource_LeavesAnEmptyList()
    {
        var edited = EditSources(File, s => s.Where(x => x.Id != "organization_mcp_servers"));
        Assert.Equal(File.Replace("""
            mcp_catalogs:
              - name: "Organization MCP Servers"
                id: organization_mcp_servers
                type: yaml
                enabled: true
                properties:
                  yamlCatalogPath: dev-organization-mcp-servers.yaml

            """, """
            mcp_catalogs: []

            """, StringComparison.Ordinal), edited);
    }

    [Fact]
    public void Replace_OfLabelsAndACatalogPath_RewritesOnlyThoseNodes()
    {
        var edited = EditSources(File, s => Replace(s, "organization_ai_models", x => x with
        {
            Labels = ["Organization AI", "Granite"],
            Properties = Map(("yamlCatalogPath", "org-v2.yaml")),
            Name = "Org models",
        }));
        Assert.Equal(File
            .Replace("- name: \"Organization AI Models\"", "- name: \"Org models\"", StringComparison.Ordinal)
            .Replace("yamlCatalogPath: dev-organization-models.yaml", "yamlCatalogPath: org-v2.yaml", StringComparison.Ordinal)
            .Replace("      - Organization AI\n", "      - Organization AI\n      - Granite\n", StringComparison.Ordinal), edited);
    }

    [Fact]
    public void Replace_OfExcludes_KeepsTheSingleQuotedNameAndChangesTheList()
    {
        var edited = EditSources(File, s => Replace(s, "community_models", x => x with { Exclude = [] }));
        Assert.Equal(File.Replace("    excludedModels:\n      - \"*-preview\"\n", "", StringComparison.Ordinal), edited);
    }

    [Fact]
    public void ConfigEdit_ChangesOneNamedQueryValue()
    {
        var edited = Edit(File, d =>
        {
            var queries = Map(("read_only_servers", Map(("assetType", "mcp_servers"),
                ("filters", Map(("readOnlyTools", Map(("operator", "="), ("value", false))))))));
            return (Map(("namedQueries", queries)), d.Sources);
        });
        Assert.Equal(["-        value: true", "+        value: false"], ChangedLines(File, edited));
    }

    [Fact]
    public void ConfigEdit_AddingLabels_AppendsATopLevelBlock()
    {
        var edited = Edit(File, d => (Map(("namedQueries", d.Config["namedQueries"]),
            ("labels", new object?[] { Map(("name", null), ("displayName", "Community and custom")) })), d.Sources));
        Assert.Equal(File + """
            labels:
              - name: null
                displayName: Community and custom

            """, edited);
    }

    [Fact]
    public void EveryEdit_ThenItsInverse_RestoresTheBytes()
    {
        var disabled = EditSources(File, s => Replace(s, "organization_ai_models", x => x with { Enabled = false }));
        Assert.Equal(File, EditSources(disabled, s => Replace(s, "organization_ai_models", x => x with { Enabled = true })));

        var relabelled = EditSources(File, s => Replace(s, "organization_ai_models", x => x with { Labels = ["Other"] }));
        Assert.Equal(File, EditSources(relabelled, s => Replace(s, "organization_ai_models", x => x with { Labels = ["Organization AI"] })));
    }

    [Fact]
    public void Edit_KeepsTheDialect_AndTheResultPassesKubeflowsFieldRules()
    {
        var edited = EditSources(File, s => Replace(s, "community_models", x => x with { Enabled = false }));
        var document = Parse(edited);
        Assert.Equal(KubeflowFormat.Dialect, document.Dialect);
        Assert.DoesNotContain("apiVersion", edited, StringComparison.Ordinal);
        Assert.Equal(3, document.Sources.Length);
    }

    [Fact]
    public void Edit_OfADeprecatedCatalogsFile_AddsToCatalogs()
    {
        const string legacy = "catalogs: []\n";
        var added = new SourceConfig("sample", "Sample", "yaml", true, [], Map(("yamlCatalogPath", "sample.yaml")), [], []);
        var edited = EditSources(legacy, s => s.Add(added));
        Assert.Equal("""
            catalogs:
              - id: sample
                name: Sample
                type: yaml
                properties:
                  yamlCatalogPath: sample.yaml

            """, edited);
    }
}
