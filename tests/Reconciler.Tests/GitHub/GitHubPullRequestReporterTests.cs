using GitOps.Reconciler.Configuration;
using GitOps.Reconciler.GitHub;
using GitOps.TestSupport.GitHub;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace GitOps.Reconciler.Tests.GitHub;

public sealed class GitHubPullRequestReporterTests : IAsyncLifetime
{
    private const string Token = "ghp_reporter0123456789";
    private static readonly PullRequestRef Pr = new(ReviewProvider.GitHub, "acme-platform", "gitops-config", 7, "5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b1c2d3e4f", "feature", "main", null, null, null);
    private FakeGitHubApi _github = null!;

    public async Task InitializeAsync() => _github = await FakeGitHubApi.StartAsync();

    public async Task DisposeAsync() => await _github.DisposeAsync();

    [Fact]
    public async Task ReportAsync_PostsStatusThenOneComment_AndUpdatesThatCommentNextTime()
    {
        var reporter = Reporter(Token);
        var valid = new PullRequestValidation.Validated(Pr, new ChangeSummary("base", Pr.HeadSha, [], [], [], []));
        var invalid = new PullRequestValidation.Validated(Pr, new ChangeSummary("base", Pr.HeadSha, [], [], [], [new ValidationError("plugins/m/sources.yaml", 4, 3, "sources[0].id", "duplicate id")]));

        await reporter.ReportAsync(invalid, CancellationToken.None);
        await reporter.ReportAsync(valid, CancellationToken.None);

        Assert.Equal(["failure", "success"], _github.Statuses.Select(s => s.State));
        Assert.All(_github.Statuses, s => Assert.Equal(("acme-platform", "gitops-config", Pr.HeadSha, "gitops/validate"), (s.Owner, s.Repository, s.Sha, s.Context)));
        var comment = Assert.Single(_github.Comments);
        Assert.Contains("### gitops/validate: valid", comment.Body, StringComparison.Ordinal);
        Assert.Equal(
            ["POST /repos/acme-platform/gitops-config/statuses/" + Pr.HeadSha, "GET /repos/acme-platform/gitops-config/issues/7/comments", "POST /repos/acme-platform/gitops-config/issues/7/comments",
             "POST /repos/acme-platform/gitops-config/statuses/" + Pr.HeadSha, "GET /repos/acme-platform/gitops-config/issues/7/comments", $"PATCH /repos/acme-platform/gitops-config/issues/comments/{comment.Id}"],
            _github.Requests.Select(r => $"{r.Method} {r.Path}"));
        Assert.Equal("success", _github.Requests[3].Json.GetProperty("state").GetString());
    }

    [Fact]
    public async Task ReportAsync_WithoutToken_SendsNothing()
    {
        var reporter = Reporter(token: null);

        await reporter.ReportAsync(new PullRequestValidation.NotFetched(Pr, "unreachable"), CancellationToken.None);

        Assert.False(reporter.IsConfigured);
        Assert.Empty(_github.Requests);
    }

    [Fact]
    public async Task ReportAsync_WhenGitHubIsUnreachable_DoesNotThrow()
    {
        var reporter = Reporter(Token, owner: "unknown-owner");
        var pr = Pr with { Owner = "unknown-owner", Repository = "x", Number = 9 };
        await _github.DisposeAsync();

        var error = await Record.ExceptionAsync(() => reporter.ReportAsync(new PullRequestValidation.NotFetched(pr, "gone"), CancellationToken.None));

        Assert.Null(error);
    }

    private GitHubPullRequestReporter Reporter(string? token, string owner = "acme-platform")
    {
        var options = new GitHubOptions { Token = token, ApiUrl = _github.BaseAddress.ToString(), Owner = owner };
        return new GitHubPullRequestReporter(GitHubClientFactory.Create(options), Options.Create(options), NullLogger<GitHubPullRequestReporter>.Instance);
    }
}
