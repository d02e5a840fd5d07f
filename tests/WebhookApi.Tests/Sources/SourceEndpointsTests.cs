using System.Net;

namespace GitOps.WebhookApi.Tests.Sources;

public sealed class SourceEndpointsTests(ApiServer server) : IClassFixture<ApiServer>
{
    private const string Seeded = "plugins/models/sources/organization_ai_models";

    [Fact]
    public async Task GetSources_ListsSeededSourceWithStatusAndETag()
    {
        using var response = await server.Viewer.GetAsync(new Uri("plugins/models/sources", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal($"\"{server.RepositoryHead()}\"", response.Headers.ETag!.Tag);
        var sources = await response.JsonAsync();
        var source = sources.EnumerateArray().Single(s => s.GetProperty("id").GetString() == "organization_ai_models");
        Assert.Equal("yaml", source.GetProperty("type").GetString());
        Assert.Equal("organization-models.yaml", source.GetProperty("properties").GetProperty("yamlCatalogPath").GetString());
        Assert.Equal(64, source.GetProperty("hash").GetString()!.Length);
        Assert.True(source.GetProperty("status").TryGetProperty("state", out _));
    }

    [Fact]
    public async Task GetSource_Unknown_Returns404()
    {
        using var response = await server.Viewer.GetAsync(new Uri("plugins/models/sources/no_such_source", UriKind.Relative));

        await response.AssertProblemAsync(HttpStatusCode.NotFound, "not-found");
    }

    [Fact]
    public async Task PostSource_CommitsAndReturns201WithLocationAndNewETag()
    {
        var before = await server.Admin.ETagAsync();

        using var response = await server.Admin.SendJsonAsync(HttpMethod.Post, "plugins/models/sources",
            """{"id":"added_by_post","name":"Added","type":"yaml","labels":["Test"],"properties":{"yamlCatalogPath":"organization-models.yaml"},"include":["granite-*"]}""",
            before, reason: "because a test said so");

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("/api/v1/plugins/models/sources/added_by_post", response.Headers.Location!.ToString());
        var head = server.RepositoryHead();
        Assert.Equal($"\"{head}\"", response.Headers.ETag!.Tag);
        Assert.NotEqual(before, response.Headers.ETag.Tag);
        var created = await response.JsonAsync();
        Assert.Equal("granite-*", created.GetProperty("include")[0].GetString());
        var commit = server.LastCommit(out var repository);
        using (repository)
        {
            Assert.Equal("alice", commit.Author.Name);
            Assert.Equal("alice@gitops.local", commit.Author.Email);
            Assert.StartsWith("models: add source added_by_post\n\nbecause a test said so\n", commit.Message, StringComparison.Ordinal);
            Assert.Contains("Changed-By: alice <alice@gitops.local>", commit.Message, StringComparison.Ordinal);
            Assert.Contains("Request-Id: ", commit.Message, StringComparison.Ordinal);
        }
        using var get = await server.Viewer.GetAsync(new Uri("plugins/models/sources/added_by_post", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, get.StatusCode);
    }

    [Fact]
    public async Task PatchEnabledFalse_DisablesSourceWithSummaryAndRequestIdTrailer()
    {
        await AddSourceAsync("to_disable");
        var etag = await server.Admin.ETagAsync($"plugins/models/sources/to_disable");
        var request = new HttpRequestMessage(HttpMethod.Patch, new Uri("plugins/models/sources/to_disable", UriKind.Relative))
        {
            Content = new StringContent("""{"enabled":false}""", System.Text.Encoding.UTF8, "application/merge-patch+json"),
        };
        request.Headers.TryAddWithoutValidation("If-Match", etag);
        request.Headers.Add("X-Request-Id", "req-disable-1");

        using var response = await server.Admin.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False((await response.JsonAsync()).GetProperty("enabled").GetBoolean());
        Assert.Equal("Disabled", (await response.JsonAsync()).GetProperty("status").GetProperty("state").GetString());
        var commit = server.LastCommit(out var repository);
        using (repository)
        {
            Assert.Equal("models: disable source to_disable", commit.MessageShort);
            Assert.Contains("Request-Id: req-disable-1", commit.Message, StringComparison.Ordinal);
        }
        Assert.Contains("Audit source.disable by alice on models/to_disable", server.Service.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PatchNameOnly_KeepsOtherFields()
    {
        await AddSourceAsync("to_rename");

        using var response = await server.Admin.SendJsonAsync(HttpMethod.Patch, "plugins/models/sources/to_rename",
            """{"name":"Renamed","labels":null}""", "*", "application/merge-patch+json");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var source = await response.JsonAsync();
        Assert.Equal("Renamed", source.GetProperty("name").GetString());
        Assert.Equal("organization-models.yaml", source.GetProperty("properties").GetProperty("yamlCatalogPath").GetString());
        Assert.Equal(0, source.GetProperty("labels").GetArrayLength());
    }

    [Fact]
    public async Task PatchWithSameValue_IsNoChangeWithCurrentETag()
    {
        await AddSourceAsync("unchanged");
        var count = server.CommitCount();

        using var response = await server.Admin.SendJsonAsync(HttpMethod.Patch, "plugins/models/sources/unchanged", """{"enabled":true}""", "*");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal($"\"{server.RepositoryHead()}\"", response.Headers.ETag!.Tag);
        Assert.Equal(count, server.CommitCount());
    }

    [Fact]
    public async Task PutSource_ReplacesIt()
    {
        await AddSourceAsync("to_replace");
        var etag = await server.Admin.ETagAsync();

        using var response = await server.Admin.SendJsonAsync(HttpMethod.Put, "plugins/models/sources/to_replace",
            """{"name":"Replaced","type":"yaml","enabled":false,"properties":{"yamlCatalogPath":"organization-models.yaml"},"exclude":["*-preview"]}""", etag);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var source = await response.JsonAsync();
        Assert.Equal("Replaced", source.GetProperty("name").GetString());
        Assert.Equal("*-preview", source.GetProperty("exclude")[0].GetString());
        var commit = server.LastCommit(out var repository);
        using (repository) Assert.Equal("models: update source to_replace", commit.MessageShort);
    }

    [Fact]
    public async Task DeleteSource_Returns204AndRemovesIt()
    {
        await AddSourceAsync("to_delete");

        using var response = await server.Admin.SendJsonAsync(HttpMethod.Delete, "plugins/models/sources/to_delete", null, "*");

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal($"\"{server.RepositoryHead()}\"", response.Headers.ETag!.Tag);
        using var get = await server.Viewer.GetAsync(new Uri("plugins/models/sources/to_delete", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, get.StatusCode);
    }

    /// <summary>AC3: two concurrent updates with the same If-Match: one succeeds, the other gets 409 and one commit is written.</summary>
    [Fact]
    public async Task ConcurrentPatches_WithSameIfMatch_OneSucceedsOneConflictsAndOneCommitIsWritten()
    {
        await AddSourceAsync("contended");
        var etag = await server.Admin.ETagAsync(Seeded);
        var commitsBefore = server.CommitCount();

        var first = server.Admin.SendJsonAsync(HttpMethod.Patch, "plugins/models/sources/contended", """{"name":"First"}""", etag, "application/merge-patch+json");
        var second = server.Admin.SendJsonAsync(HttpMethod.Patch, "plugins/models/sources/contended", """{"name":"Second"}""", etag, "application/merge-patch+json");
        var responses = await Task.WhenAll(first, second);

        try
        {
            Assert.Single(responses, r => r.StatusCode == HttpStatusCode.OK);
            var conflict = Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Conflict);
            var problem = await conflict.AssertProblemAsync(HttpStatusCode.Conflict, "head-moved");
            Assert.Equal(server.RepositoryHead(), problem.GetProperty("currentHead").GetString());
            Assert.Equal(etag.Trim('"'), problem.GetProperty("expectedHead").GetString());
            Assert.Contains("retry", problem.GetProperty("detail").GetString(), StringComparison.OrdinalIgnoreCase);
            Assert.Equal(commitsBefore + 1, server.CommitCount());
        }
        finally
        {
            foreach (var response in responses) response.Dispose();
        }
    }

    private async Task AddSourceAsync(string id)
    {
        using var response = await server.Admin.SendJsonAsync(HttpMethod.Post, "plugins/models/sources",
            $$$"""{"id":"{{{id}}}","name":"{{{id}}}","type":"yaml","labels":["Test"],"properties":{"yamlCatalogPath":"organization-models.yaml"}}""", "*");
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }
}
