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
    [InlineData("exact", "Exact", false)]
    [InlineData("a.b", "axb", false)]
    [InlineData("**x", "abx", true)]
    public void Glob_MatchesStarAsAnyRun(string pattern, string name, bool expected) =>
        Assert.Equal(expected, NameFilter.Glob(pattern, name));

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
