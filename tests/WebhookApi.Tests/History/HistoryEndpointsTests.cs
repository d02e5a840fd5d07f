using System.Net;

namespace GitOps.WebhookApi.Tests.History;

public sealed class HistoryEndpointsTests(ApiServer server) : IClassFixture<ApiServer>
{
    [Fact]
    public async Task History_ShowsWhoChangedWhichSourceAndWhy()
    {
        var sha = await DisableAsync("history_subject", "audit me");

        using var response = await server.Viewer.GetAsync(new Uri("history?plugin=models&source=history_subject&limit=5", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var entry = (await response.JsonAsync())[0];
        Assert.Equal(sha, entry.GetProperty("sha").GetString());
        Assert.Equal("alice", entry.GetProperty("author").GetProperty("name").GetString());
        Assert.Equal("models: disable source history_subject", entry.GetProperty("summary").GetString());
        Assert.Contains("audit me", entry.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal("alice <alice@gitops.local>", entry.GetProperty("trailers").GetProperty("Changed-By").GetString());
        Assert.Contains(entry.GetProperty("changedSources").EnumerateArray(),
            c => c.GetProperty("source").GetString() == "history_subject" && c.GetProperty("change").GetString() == "Modified");
    }

    [Fact]
    public async Task History_WithLimitOutOfRange_Returns400()
    {
        using var response = await server.Viewer.GetAsync(new Uri("history?limit=0", UriKind.Relative));

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "bad-request");
    }

    [Fact]
    public async Task GetCommit_ReturnsItsDiff()
    {
        var sha = await DisableAsync("diff_subject", null);

        using var response = await server.Viewer.GetAsync(new Uri($"history/{sha}", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var file = (await response.JsonAsync()).GetProperty("files")[0];
        Assert.Equal("plugins/models/sources.yaml", file.GetProperty("path").GetString());
        Assert.Contains("enabled: false", file.GetProperty("patch").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetCommit_Unknown_Returns404()
    {
        using var response = await server.Viewer.GetAsync(new Uri("history/0123456789abcdef0123456789abcdef01234567", UriKind.Relative));

        await response.AssertProblemAsync(HttpStatusCode.NotFound, "not-found");
    }

    [Fact]
    public async Task Revert_WritesANewCommitRestoringTheSource()
    {
        var sha = await DisableAsync("revert_subject", null);
        var commits = server.CommitCount();

        using var response = await server.Admin.SendJsonAsync(HttpMethod.Post, $"history/{sha}/revert", null, await server.Admin.ETagAsync());

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.JsonAsync();
        Assert.Equal(sha, body.GetProperty("reverted").GetString());
        Assert.Equal(server.RepositoryHead(), body.GetProperty("head").GetString());
        Assert.Equal(commits + 1, server.CommitCount());
        using var source = await server.Viewer.GetAsync(new Uri("plugins/models/sources/revert_subject", UriKind.Relative));
        Assert.True((await source.JsonAsync()).GetProperty("enabled").GetBoolean());
    }

    [Fact]
    public async Task Revert_WithStaleIfMatch_Returns409AndWritesNothing()
    {
        var sha = await DisableAsync("stale_revert_subject", null);
        var head = server.RepositoryHead();

        using var response = await server.Admin.SendJsonAsync(HttpMethod.Post, $"history/{sha}/revert", null, "\"1111111111111111111111111111111111111111\"");

        await response.AssertProblemAsync(HttpStatusCode.Conflict, "head-moved");
        Assert.Equal(head, server.RepositoryHead());
    }

    [Fact]
    public async Task Revert_OfAFileChangedSince_Returns409ConflictAndWritesNothing()
    {
        var sha = await DisableAsync("changed_since_subject", null);
        using (var renamed = await server.Admin.SendJsonAsync(HttpMethod.Patch, "plugins/models/sources/changed_since_subject", """{"name":"Renamed"}""", "*"))
        {
            Assert.Equal(HttpStatusCode.OK, renamed.StatusCode);
        }
        var head = server.RepositoryHead();

        using var response = await server.Admin.SendJsonAsync(HttpMethod.Post, $"history/{sha}/revert", null, "*");

        await response.AssertProblemAsync(HttpStatusCode.Conflict, "conflict");
        Assert.Equal(head, server.RepositoryHead());
    }

    private async Task<string> DisableAsync(string id, string? reason)
    {
        using (var added = await server.Admin.SendJsonAsync(HttpMethod.Post, "plugins/models/sources",
            $$$"""{"id":"{{{id}}}","type":"yaml","properties":{"yamlCatalogPath":"organization-models.yaml"}}""", "*"))
        {
            Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        }
        using var disabled = await server.Admin.SendJsonAsync(HttpMethod.Patch, $"plugins/models/sources/{id}", """{"enabled":false}""", "*", reason: reason);
        Assert.Equal(HttpStatusCode.OK, disabled.StatusCode);
        return disabled.Headers.ETag!.Tag.Trim('"');
    }
}
