using GitOps.Reconciler.Configuration;
using GitOps.Reconciler.Plugins;
using static GitOps.Reconciler.Tests.Configuration.ConfigFiles;

namespace GitOps.Reconciler.Tests.Configuration;

/// <summary>A catalog parsed by validation is handed to the load of the same bytes (parsed once, not twice).</summary>
public sealed class ParsedCatalogsTests
{
    private const string Sources = "apiVersion: gitops/v1\nplugin: models\nsources:\n  - id: org\n    name: Org\n    type: yaml\n    properties:\n      yamlCatalogPath: org.yaml\n";

    [Fact]
    public async Task Load_AfterValidation_TakesTheCatalogValidationParsed()
    {
        var plugin = Valid(Models(Sources)).Plugins["models"];
        var catalog = plugin.Files["org.yaml"];
        Assert.True(ParsedCatalogs.Holds(catalog));

        var host = new PluginHost();
        var running = await host.ApplyPluginAsync(plugin);

        Assert.False(ParsedCatalogs.Holds(catalog));
        Assert.Equal(["granite-8b-code-instruct", "granite-3.1-8b-preview"], running.FindSource("org")!.Entities.Select(e => e.Name));
    }

    [Fact]
    public void Take_OfOtherLimitsOrAnotherFile_ParsesAgainAndKeepsTheEntry()
    {
        var content = Bytes(Catalog);
        var kept = Assert.IsType<CatalogParseResult.Parsed>(ParsedCatalogs.ParseAndKeep("plugins/models/org.yaml", content, YamlLimits.Default));

        var otherLimits = Assert.IsType<CatalogParseResult.Parsed>(ParsedCatalogs.Take("plugins/models/org.yaml", content, YamlLimits.Default with { MaxDepth = 9 }));
        var otherFile = Assert.IsType<CatalogParseResult.Parsed>(ParsedCatalogs.Take("plugins/models/b.yaml", content, YamlLimits.Default));
        Assert.True(ParsedCatalogs.Holds(content));
        var taken = Assert.IsType<CatalogParseResult.Parsed>(ParsedCatalogs.Take("plugins/models/org.yaml", content, YamlLimits.Default));

        Assert.NotSame(kept.Document, otherLimits.Document);
        Assert.NotSame(kept.Document, otherFile.Document);
        Assert.Same(kept.Document, taken.Document);
        Assert.False(ParsedCatalogs.Holds(content));
    }
}
