using System.Text;
using GitOps.Reconciler.Configuration;
using GitOps.Reconciler.GitHub;

namespace GitOps.Reconciler.Tests.GitHub;

public sealed class ChangeSummaryBuilderTests
{
    private const string ModelsSources = """
        apiVersion: gitops/v1
        plugin: models
        sources:
          - id: org
            name: Org models
            type: yaml
            enabled: true
            properties:
              yamlCatalogPath: org.yaml
            exclude: ["*-preview"]
          - id: old
            name: Old models
            type: yaml
            properties:
              yamlCatalogPath: old.yaml
        """;

    private static readonly SnapshotBuilder Builder = new();

    [Fact]
    public void Compare_WithNonFiniteNumbersInConfig_ComparesThemInsteadOfThrowing()
    {
        // Issue 11: YAML .inf/.nan in a config block made the pull-request summary throw (JSON has no infinity).
        var withConfig = ModelsSources.Replace("sources:", "config:\n  limit: .inf\n  ratio: .nan\nsources:", StringComparison.Ordinal);
        var baseFiles = Files(("plugins/models/sources.yaml", withConfig), ("plugins/models/org.yaml", Catalog("a")), ("plugins/models/old.yaml", Catalog("x")));
        var headFiles = Files(("plugins/models/sources.yaml", withConfig.Replace("limit: .inf", "limit: -.inf", StringComparison.Ordinal)),
            ("plugins/models/org.yaml", Catalog("a")), ("plugins/models/old.yaml", Catalog("x")));

        var summary = Compare(baseFiles, headFiles);

        Assert.True(summary.IsValid);
        Assert.True(Assert.Single(summary.Plugins).ConfigChanged);
    }

    [Fact]
    public void Compare_CountsEntityDeltasAfterIncludeExclude_AndReportsEnabledFlips()
    {
        var baseFiles = Files(("plugins/models/sources.yaml", ModelsSources), ("plugins/models/org.yaml", Catalog("a", "b")), ("plugins/models/old.yaml", Catalog("x")));
        var headFiles = Files(
            ("plugins/models/sources.yaml", ModelsSources.Replace("enabled: true", "enabled: false", StringComparison.Ordinal)),
            ("plugins/models/org.yaml", Catalog("a", "b", "c", "d-preview")),
            ("plugins/models/old.yaml", Catalog("x")));

        var summary = Compare(baseFiles, headFiles);

        Assert.True(summary.IsValid);
        var plugin = Assert.Single(summary.Plugins);
        Assert.Equal(new PluginChange("models", ChangeKind.Modified, ConfigChanged: false), plugin);
        var org = Assert.Single(summary.Sources);
        Assert.Equal(("org", ChangeKind.Modified, 2, 3, 1), (org.Source, org.Change, org.EntitiesBefore, org.EntitiesAfter, org.EntityDelta));
        Assert.True(org.EnabledFlipped);
        Assert.Equal(["plugins/models/org.yaml", "plugins/models/sources.yaml"], summary.ChangedFiles.ToArray());
    }

    [Fact]
    public void Compare_WithPluginAddedAndRemoved_ListsTheirSources()
    {
        var baseFiles = Files(("plugins/models/sources.yaml", ModelsSources), ("plugins/models/org.yaml", Catalog("a")), ("plugins/models/old.yaml", Catalog("x", "y")));
        var mcp = "apiVersion: gitops/v1\nplugin: mcp\nconfig:\n  pageSize: 5\nsources:\n  - id: community\n    name: Community\n    type: yaml\n    properties:\n      yamlCatalogPath: c.yaml\n";
        var headFiles = Files(("plugins/mcp/sources.yaml", mcp), ("plugins/mcp/c.yaml", Catalog("s1", "s2", "s3")));

        var summary = Compare(baseFiles, headFiles);

        Assert.Equal([new PluginChange("mcp", ChangeKind.Added, false), new PluginChange("models", ChangeKind.Removed, false)], summary.Plugins.ToArray());
        var added = Assert.Single(summary.Sources, s => s.Plugin == "mcp");
        Assert.Equal((ChangeKind.Added, (int?)null, (int?)3, (int?)3), (added.Change, added.EntitiesBefore, added.EntitiesAfter, added.EntityDelta));
        var removed = Assert.Single(summary.Sources, s => s.Source == "old");
        Assert.Equal((ChangeKind.Removed, (int?)-2), (removed.Change, removed.EntityDelta));
    }

    [Fact]
    public void Compare_WithConfigBlockChanged_FlagsThePlugin()
    {
        var withConfig = ModelsSources.Replace("plugin: models\n", "plugin: models\nconfig:\n  pageSize: 10\n", StringComparison.Ordinal);
        var baseFiles = Files(("plugins/models/sources.yaml", withConfig), ("plugins/models/org.yaml", Catalog("a")), ("plugins/models/old.yaml", Catalog("x")));
        var headFiles = Files(("plugins/models/sources.yaml", withConfig.Replace("pageSize: 10", "pageSize: 20", StringComparison.Ordinal)), ("plugins/models/org.yaml", Catalog("a")), ("plugins/models/old.yaml", Catalog("x")));

        var summary = Compare(baseFiles, headFiles);

        Assert.True(Assert.Single(summary.Plugins).ConfigChanged);
        Assert.Empty(summary.Sources);
    }

    [Fact]
    public void Compare_WithInvalidHead_ReturnsItsErrorsWithFileAndLine()
    {
        var baseFiles = Files(("plugins/models/sources.yaml", ModelsSources), ("plugins/models/org.yaml", Catalog("a")), ("plugins/models/old.yaml", Catalog("x")));
        var headFiles = Files(("plugins/models/sources.yaml", ModelsSources), ("plugins/models/org.yaml", Catalog("a")));

        var summary = Compare(baseFiles, headFiles);

        Assert.False(summary.IsValid);
        var error = Assert.Single(summary.Errors);
        Assert.Equal("plugins/models/sources.yaml", error.File);
        Assert.True(error.Line > 0);
        Assert.Contains("old.yaml", error.Message, StringComparison.Ordinal);
        Assert.Equal(["plugins/models/old.yaml"], summary.ChangedFiles.ToArray());
    }

    private static ChangeSummary Compare(Dictionary<string, ReadOnlyMemory<byte>> baseFiles, Dictionary<string, ReadOnlyMemory<byte>> headFiles) =>
        ChangeSummaryBuilder.Compare("base", baseFiles, Builder.Build(baseFiles), "head", headFiles, Builder.Build(headFiles), YamlLimits.Default);

    private static string Catalog(params string[] names) => "models:\n" + string.Concat(names.Select(n => $"  - name: {n}\n"));

    private static Dictionary<string, ReadOnlyMemory<byte>> Files(params (string Path, string Content)[] files) =>
        files.ToDictionary(f => f.Path, f => (ReadOnlyMemory<byte>)Encoding.UTF8.GetBytes(f.Content), StringComparer.Ordinal);
}
