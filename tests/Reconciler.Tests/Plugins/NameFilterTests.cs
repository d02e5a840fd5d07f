using GitOps.Reconciler.Plugins;

namespace GitOps.Reconciler.Tests.Plugins;

public sealed class NameFilterTests
{
    [Theory]
    [InlineData("granite-*", "granite-8b", true)]
    [InlineData("granite-*", "granite-", true)]
    [InlineData("granite-*", "my-granite-8b", false)]
    [InlineData("*-preview", "llama-preview", true)]
    [InlineData("*-preview", "llama-preview-2", false)]
    [InlineData("*", "", true)]
    [InlineData("a*b*c", "axxbyyc", true)]
    [InlineData("a*b*c", "axxbyy", false)]
    [InlineData("exact", "exact", true)]
    [InlineData("exact", "Exact", true)] // Kubeflow: case-insensitive
    [InlineData("Granite/*", "GRANITE/model", true)]
    [InlineData("(a)+[b]", "(A)+[B]", true)] // no character is special but *
    [InlineData("?", "x", false)]
    [InlineData("a.b", "axb", false)]
    [InlineData("**x", "abx", true)]
    public void Glob_MatchesStarAsAnyRun(string pattern, string name, bool expected) =>
        Assert.Equal(expected, NameFilter.Glob(pattern, name));

    [Fact]
    public void Matches_TrimsPatternsAndAnchorsThem()
    {
        var filter = new NameFilter(["  granite-*  "], [" *-preview\t"]);

        Assert.True(filter.Matches("Granite-8B"));
        Assert.False(filter.Matches("granite-8b-PREVIEW"));
        Assert.False(filter.Matches("my-granite-8b"));
    }

    [Fact]
    public void For_AKubeflowModelSource_MergesTheLegacyPropertiesExcludes()
    {
        var properties = new Dictionary<string, object?> { ["yamlCatalogPath"] = "x.yaml", ["excludedModels"] = new object?[] { "*-old" }, ["includedModels"] = new object?[] { "nothing" } };
        var source = new GitOps.Reconciler.Configuration.SourceConfig("a", "A", "yaml", true, [], properties, [], ["*-preview"]) { Section = "model_catalogs" };

        var filter = NameFilter.For(source);

        Assert.False(filter.Matches("granite-old"));
        Assert.False(filter.Matches("granite-preview"));
        Assert.True(filter.Matches("granite")); // properties.includedModels is ignored, as Kubeflow ignores it
        Assert.True(NameFilter.For(source with { Section = null }).Matches("granite-old")); // gitops/v1 has no legacy list
    }

    [Fact]
    public void Matches_ExcludeWinsOverInclude()
    {
        var filter = new NameFilter(["granite-*"], ["*-preview"]);

        Assert.True(filter.Matches("granite-8b"));
        Assert.False(filter.Matches("granite-8b-preview"));
        Assert.False(filter.Matches("llama"));
    }

    [Fact]
    public void Matches_NoIncludePatterns_IncludesEverythingNotExcluded()
    {
        var filter = new NameFilter([], ["secret-*"]);

        Assert.True(filter.Matches("anything"));
        Assert.False(filter.Matches("secret-model"));
    }
}
