using System.Net;
using System.Text.Json;
using GitOps.TestSupport.Git;
using GitOps.TestSupport.GitHub;
using GitOps.TestSupport.Hosting;
using GitOps.WebhookApi.Tests.Drafts;
using GitOps.WebhookApi.Tests.Webhooks;

namespace GitOps.WebhookApi.Tests.Remote;

/// <summary>Pull-request mode for API writes through the real service (DESIGN §3, <c>GitOps:Mutations:Mode=PullRequest</c>): a
/// <c>git daemon</c> remote and the fake GitHub REST API; the change applies only once the pull request is merged.</summary>
public sealed class PullRequestModeTests : IAsyncLifetime
{
    private const string Source = "plugins/models/sources/organization_ai_models";
    private const string Owner = "acme-platform";
    private const string Repository = "gitops-config";
    private const string GitHubToken = "ghp_PullRequestModeToken0123456789";
    private const string NewName = "Proposed through a pull request";
    private RemoteRepository _remote = null!;
    private FakeGitHubApi _github = null!;

    public async Task InitializeAsync()
    {
        _remote = await RemoteRepository.StartAsync(RepositoryRoot.ExamplesRepo);
        _github = await FakeGitHubApi.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _github.DisposeAsync();
        await _remote.DisposeAsync();
    }

    [Fact]
    public async Task Patch_InPullRequestMode_Answers202WithThePullRequest_AndAppliesOnlyAfterTheMergeIsPushed()
    {
        await using var replica = await RemoteReplica.StartAsync(_remote.Scratch("replica"), Settings());
        var start = _remote.Head();

        using var proposed = await replica.Api.SendJsonAsync(HttpMethod.Patch, Source, $$"""{"name":"{{NewName}}"}""", $"\"{start}\"", "application/merge-patch+json");

        Assert.Equal(HttpStatusCode.Accepted, proposed.StatusCode);
        Assert.Equal("application/json", proposed.Content.Headers.ContentType?.MediaType);
        var answer = await proposed.JsonAsync();
        var url = answer.GetProperty("pullRequestUrl").GetString()!;
        var branch = answer.GetProperty("branch").GetString()!;
        var commit = answer.GetProperty("commit").GetString()!;
        Assert.Equal($"https://github.com/{Owner}/{Repository}/pull/1", url);
        Assert.Equal(new Uri(url), proposed.Headers.Location);

        // The tracked branch did not move; the change is one commit on a gitops/ branch, on top of the tracked head.
        Assert.Equal(start, _remote.Head());
        Assert.StartsWith("gitops/", branch, StringComparison.Ordinal);
        Assert.Contains(branch, _remote.Branches());
        Assert.Equal(commit, _remote.Head(branch));
        Assert.Equal([commit, .. _remote.Log()], _remote.Log(branch));
        Assert.Equal(start, GitCli.Run(_remote.GitDirectory, "rev-parse", $"{commit}^"));
        Assert.Contains(NewName, _remote.Show("plugins/models/sources.yaml", branch), StringComparison.Ordinal);
        // Signed by the service's key (issue 17), like every commit it writes.
        Assert.Contains("gpgsig -----BEGIN SSH SIGNATURE-----", GitCli.Run(_remote.GitDirectory, "cat-file", "commit", commit), StringComparison.Ordinal);

        var opened = Assert.Single(_github.Requests, r => r is { Method: "POST", Path: $"/repos/{Owner}/{Repository}/pulls" });
        using (var body = JsonDocument.Parse(opened.Body))
        {
            Assert.Equal(branch, body.RootElement.GetProperty("head").GetString());
            Assert.Equal("main", body.RootElement.GetProperty("base").GetString());
        }
        Assert.Equal($"token {GitHubToken}", opened.Authorization, ignoreCase: true);

        // Nothing applied yet: the API still serves the tracked head.
        Assert.Equal($"\"{start}\"", await replica.Api.ETagAsync());
        Assert.DoesNotContain(NewName, await SourceAsync(replica), StringComparison.Ordinal);

        // The merge lands on main (a fast-forward, as GitHub's "rebase and merge" of one commit), and GitHub says so.
        GitCli.Run(_remote.GitDirectory, "update-ref", "refs/heads/main", commit, start);
        var payload = Deliveries.Payload("github-push.json");
        payload["before"] = start;
        payload["after"] = commit;
        using (var delivered = await replica.Root.SendAsync(Deliveries.SignedGitHub("push", Deliveries.Bytes(payload))))
            Assert.Equal(HttpStatusCode.Accepted, delivered.StatusCode);

        await replica.EventuallyAsync(async () => (await SourceAsync(replica)).Contains(NewName, StringComparison.Ordinal), "the merged change in GET source");
        Assert.Equal($"\"{commit}\"", await replica.Api.ETagAsync());
        Assert.DoesNotContain(GitHubToken, replica.Service.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DraftPublish_InPullRequestMode_OpensAPullRequest_AndTheDraftIsPublishedOnceItIsMerged()
    {
        await using var replica = await RemoteReplica.StartAsync(_remote.Scratch("replica"), Settings());
        var start = _remote.Head();
        var etag = await replica.Api.CreateDraftAsync("pr-draft", "Disable community MCP");
        var head = await replica.Api.EditDraftAsync("pr-draft", "mcp", "community_mcp", etag);

        using var proposed = await replica.Api.PublishAsync("pr-draft", head);

        Assert.Equal(HttpStatusCode.Accepted, proposed.StatusCode);
        var commit = (await proposed.JsonAsync()).GetProperty("commit").GetString()!;
        Assert.Equal(start, _remote.Head());
        Assert.Contains("Draft: pr-draft", GitCli.Run(_remote.GitDirectory, "log", "-1", "--format=%B", commit), StringComparison.Ordinal);
        Assert.Equal("Open", await DraftStateAsync(replica));

        // GitHub merges the pull request (its one commit, as "rebase and merge" does) and says so.
        GitCli.Run(_remote.GitDirectory, "update-ref", "refs/heads/main", commit, start);
        var payload = Deliveries.Payload("github-push.json");
        payload["before"] = start;
        payload["after"] = commit;
        using (var delivered = await replica.Root.SendAsync(Deliveries.SignedGitHub("push", Deliveries.Bytes(payload))))
            Assert.Equal(HttpStatusCode.Accepted, delivered.StatusCode);

        await replica.EventuallyAsync(async () => await DraftStateAsync(replica) == "Published", "the draft recorded as Published after the merge");
        Assert.Equal(commit, (await replica.Api.DraftAsync("pr-draft")).GetProperty("published").GetProperty("commit").GetString());
        using var again = await replica.Api.PublishAsync("pr-draft", "*");
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal(commit, _remote.Head());
    }

    private static async Task<string?> DraftStateAsync(RemoteReplica replica) => (await replica.Api.DraftAsync("pr-draft")).GetProperty("state").GetString();

    private Dictionary<string, string?> Settings()
    {
        var settings = ApiServer.TokenSettings();
        settings["GitOps__Repository__RemoteUrl"] = _remote.Url;
        settings["GitOps__Webhooks__GitHubSecret"] = WebhookHost.GitHubSecret;
        settings["GitOps__Mutations__Mode"] = "PullRequest";
        settings["GitOps__GitHub__Token"] = GitHubToken;
        settings["GitOps__GitHub__ApiUrl"] = _github.BaseAddress.ToString();
        settings["GitOps__GitHub__Owner"] = Owner;
        settings["GitOps__GitHub__Repository"] = Repository;
        return settings;
    }

    private static async Task<string> SourceAsync(RemoteReplica replica)
    {
        using var response = await replica.Api.GetAsync(new Uri(Source, UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }
}
