using GitOps.Reconciler.GitHub;

namespace GitOps.Reconciler.Tests.GitHub;

public sealed class GitHubRepositoryNameTests
{
    [Theory]
    [InlineData("https://github.com/acme-platform/gitops-config.git", "acme-platform", "gitops-config")]
    [InlineData("https://github.com/acme-platform/gitops-config", "acme-platform", "gitops-config")]
    [InlineData("git@github.com:acme-platform/gitops-config.git", "acme-platform", "gitops-config")]
    [InlineData("ssh://git@github.example.com/acme-platform/gitops-config.git", "acme-platform", "gitops-config")]
    public void TryParse_CloneUrls_ReturnsOwnerAndRepository(string url, string owner, string repository)
    {
        Assert.True(GitHubRepositoryName.TryParse(url, out var parsedOwner, out var parsedRepository));
        Assert.Equal((owner, repository), (parsedOwner, parsedRepository));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("/srv/git/config.git")]
    [InlineData("https://github.com/just-owner")]
    public void TryParse_UrlsWithoutOwnerAndName_ReturnsFalse(string? url) =>
        Assert.False(GitHubRepositoryName.TryParse(url, out _, out _));

    [Fact]
    public void DeriveFrom_KeepsExplicitValues_AndFillsMissingOnes()
    {
        var options = new GitHubOptions { Owner = "explicit" };

        options.DeriveFrom("https://github.com/acme-platform/gitops-config.git");

        Assert.Equal(("explicit", "gitops-config"), (options.Owner, options.Repository));
    }
}
