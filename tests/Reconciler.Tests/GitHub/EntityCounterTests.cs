using GitOps.Reconciler.Configuration;
using GitOps.Reconciler.GitHub;
using static GitOps.Reconciler.Tests.Plugins.PluginFixtures;

namespace GitOps.Reconciler.Tests.GitHub;

/// <summary><see cref="EntityCounter"/>: what a yaml source would load, as the pull-request summary counts it.</summary>
public sealed class EntityCounterTests
{
    private static readonly PluginSnapshot Models = Snapshot(
        ("plugins/models/sources.yaml", SourcesYaml("models",
            YamlSource("all", "catalog.yaml"),
            YamlSource("granite", "catalog.yaml", extra: "    include: [\"granite-*\"]\n    exclude: [\"*-preview\"]\n"),
            "  - id: remote\n    name: remote\n    type: http\n    properties:\n      url: https://example.com/catalog.yaml\n")),
        ("plugins/models/catalog.yaml", KubeflowCatalog("granite-8b", "granite-3b", "granite-8b-preview", "llama-3"))).Plugins["models"];

    [Fact]
    public void Count_YamlSourceWithoutFilters_CountsEveryEntityOfItsCatalog() =>
        Assert.Equal(4, EntityCounter.Count(Models, Source("all"), YamlLimits.Default));

    [Fact]
    public void Count_YamlSourceWithIncludeAndExclude_CountsTheNamesThatPassBoth() =>
        Assert.Equal(2, EntityCounter.Count(Models, Source("granite"), YamlLimits.Default)); // granite-8b, granite-3b; the preview is excluded

    [Fact]
    public void Count_SourceOfAnotherType_IsUnknown() =>
        Assert.Null(EntityCounter.Count(Models, Source("remote"), YamlLimits.Default));

    [Fact]
    public void Count_CatalogOverTheLimits_IsUnknownRatherThanAGuess() =>
        Assert.Null(EntityCounter.Count(Models, Source("all"), new YamlLimits(16, 64, 10_000)));

    [Fact]
    public void Count_CatalogFileMissingFromThePlugin_IsUnknown() =>
        Assert.Null(EntityCounter.Count(Models, Source("all") with { Properties = new Dictionary<string, object?> { ["yamlCatalogPath"] = "gone.yaml" } }, YamlLimits.Default));

    private static SourceConfig Source(string id) => Models.Sources.Single(s => s.Id == id);
}
