using GitOps.Reconciler.Configuration;
using GitOps.Reconciler.Configuration.Editing;
using static GitOps.Reconciler.Tests.Configuration.Editing.EditCase;

namespace GitOps.Reconciler.Tests.Configuration.Editing;

/// <summary>The same faithful edits on a hand-written gitops/v1 file, including its <c>config:</c> block.</summary>
public sealed class GitOpsEditTests
{
    private const string File = """
        apiVersion: gitops/v1
        plugin: catalog   # the folder name
        config:
          pageSize: 50          # items per page
          refresh:
            interval: 10m
        sources:
        - id: org
          name: Organization AI
          type: yaml
          labels: [Organization AI]
          properties: {yamlCatalogPath: org.yaml}
        - id: community   # from the community
          name: Community
          type: yaml
          properties:
            yamlCatalogPath: community.yaml
          exclude: ["*-preview"]
        """;

    [Fact]
    public void Disable_AddsOneLine_AndEnableRemovesNothingElse()
    {
        var edited = EditSources(File, s => Replace(s, "org", x => x with { Enabled = false }));
        Assert.Equal(["+  enabled: false"], ChangedLines(File, edited));
        Assert.Equal(File.Replace("  properties: {yamlCatalogPath: org.yaml}\n", "  properties: {yamlCatalogPath: org.yaml}\n  enabled: false\n", StringComparison.Ordinal), edited);
    }

    [Fact]
    public void ConfigEdit_ChangesOneValue_KeepingItsComment()
    {
        var edited = Edit(File, d => (Map(("pageSize", 100L), ("refresh", Map(("interval", "10m")))), d.Sources));
        Assert.Equal(File.Replace("pageSize: 50", "pageSize: 100", StringComparison.Ordinal), edited);
    }

    [Fact]
    public void ConfigEdit_AddingAndRemovingKeys_TouchesOnlyThoseLines()
    {
        var edited = Edit(File, d => (Map(("pageSize", 50L), ("refresh", Map(("interval", "5m"), ("onStartup", true)))), d.Sources));
        Assert.Equal(File.Replace("    interval: 10m\n", "    interval: 5m\n    onStartup: true\n", StringComparison.Ordinal), edited);

        var removed = Edit(File, d => (Map(("pageSize", 50L)), d.Sources));
        Assert.Equal(File.Replace("  refresh:\n    interval: 10m\n", "", StringComparison.Ordinal), removed);
    }

    [Fact]
    public void Add_FollowsTheFilesUnindentedSequencesAndFlowLists()
    {
        var added = new SourceConfig("extra", "Extra: models", "yaml", true, ["A", "B"], Map(("yamlCatalogPath", "x.yaml")), ["granite-*"], []);
        var edited = EditSources(File, s => s.Add(added));
        Assert.Equal(File + """

            - id: extra
              name: "Extra: models"
              type: yaml
              labels: [A, B]
              properties:
                yamlCatalogPath: x.yaml
              include: [granite-*]

            """, edited);
    }

    [Fact]
    public void Remove_TakesOnlyItsBlock()
    {
        var edited = EditSources(File, s => s.Where(x => x.Id != "org"));
        Assert.Equal(File.Replace("""
            - id: org
              name: Organization AI
              type: yaml
              labels: [Organization AI]
              properties: {yamlCatalogPath: org.yaml}

            """, "", StringComparison.Ordinal), edited);
    }

    [Fact]
    public void ReplacingAFlowMapValue_KeepsTheRestOfTheFile()
    {
        var edited = EditSources(File, s => Replace(s, "org", x => x with { Properties = Map(("yamlCatalogPath", "org2.yaml")) }));
        Assert.Equal(File.Replace("properties: {yamlCatalogPath: org.yaml}", "properties:\n    yamlCatalogPath: org2.yaml", StringComparison.Ordinal), edited);
        Assert.Equal(SourcesDocument.CurrentApiVersion, Parse(edited).Dialect);
    }

    [Fact]
    public void EditOfASnapshot_ReusesItsTree_AndKeepsAnUnversionedFileUnversioned()
    {
        const string unversioned = "# no apiVersion yet\nsources:\n  - {id: org, name: Org, type: yaml, properties: {yamlCatalogPath: org.yaml}}\n";
        var plugin = ConfigFiles.Valid(ConfigFiles.Models(unversioned)).Plugins["models"];

        var edited = SourcesYamlEditor.Edit(plugin, plugin.Config, plugin.Sources.Select(s => s with { Name = "Organization" }), YamlLimits.Default);

        Assert.Equal(unversioned.Replace("name: Org,", "name: Organization,", StringComparison.Ordinal), System.Text.Encoding.UTF8.GetString(edited!));
    }

    [Fact]
    public void Disable_OfASourceWithEmptyFields_LeavesThemAsWritten()
    {
        const string file = "apiVersion: gitops/v1\nplugin: catalog\nsources:\n  - id: a\n    name: A\n    type: http\n    labels:\n    properties: {url: 'https://example.com/c.yaml'}\n    include: []\n";

        var edited = EditSources(file, s => Replace(s, "a", x => x with { Enabled = false }));

        Assert.Equal(["+    enabled: false"], ChangedLines(file, edited));
    }
}
