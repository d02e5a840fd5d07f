using GitOps.Reconciler.GitHub;

namespace GitOps.Reconciler.Tests.GitHub;

public sealed class EntityCounterTests
{
    [Theory]
    [InlineData("granite-*", "granite-8b", true)]
    [InlineData("granite-*", "llama-granite", false)]
    [InlineData("*-preview", "granite-preview", true)]
    [InlineData("*-preview", "granite-preview-2", false)]
    [InlineData("g*n*e", "granite", true)]
    [InlineData("a*a", "a", false)]
    [InlineData("*", "", true)]
    [InlineData("exact", "exact", true)]
    [InlineData("exact", "exactly", false)]
    public void Matches_StarMatchesAnyRun(string pattern, string name, bool expected) =>
        Assert.Equal(expected, GitOps.Reconciler.Plugins.NameFilter.Glob(pattern, name));
}
