using System.Net;

namespace GitOps.WebhookApi.Tests.Plugins;

public sealed class PluginEndpointsTests(ApiServer server) : IClassFixture<ApiServer>
{
    [Fact]
    public async Task GetPlugins_ListsSeededPluginsWithCountsAndStatus()
    {
        using var response = await server.Viewer.GetAsync(new Uri("plugins", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotNull(response.Headers.ETag);
        var models = (await response.JsonAsync()).EnumerateArray().Single(p => p.GetProperty("name").GetString() == "models");
        Assert.Equal(50, models.GetProperty("config").GetProperty("pageSize").GetInt32());
        Assert.True(models.GetProperty("sourceCount").GetInt32() >= 1);
        Assert.True(models.GetProperty("status").TryGetProperty("drift", out _));
    }

    [Fact]
    public async Task GetPlugin_ReturnsSourcesAndFiles()
    {
        using var response = await server.Viewer.GetAsync(new Uri("plugins/mcp", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var plugin = await response.JsonAsync();
        Assert.Equal("community_mcp", plugin.GetProperty("sources")[0].GetProperty("id").GetString());
        Assert.Contains(plugin.GetProperty("files").EnumerateArray(), f => f.GetProperty("name").GetString() == "sources.yaml" && f.GetProperty("size").GetInt32() > 0);
    }

    [Fact]
    public async Task GetPlugin_Unknown_Returns404()
    {
        using var response = await server.Viewer.GetAsync(new Uri("plugins/nope", UriKind.Relative));

        await response.AssertProblemAsync(HttpStatusCode.NotFound, "not-found");
    }

    [Fact]
    public async Task CreateThenDeletePlugin_CommitsEach()
    {
        using var created = await server.Admin.SendJsonAsync(HttpMethod.Post, "plugins", """{"name":"datasources","config":{"region":"eu"}}""", await server.Admin.ETagAsync());

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("/api/v1/plugins/datasources", created.Headers.Location!.ToString());
        Assert.Equal("eu", (await created.JsonAsync()).GetProperty("config").GetProperty("region").GetString());
        var commit = server.LastCommit(out var repository);
        using (repository) Assert.Equal("datasources: create plugin", commit.MessageShort);

        using var again = await server.Admin.SendJsonAsync(HttpMethod.Post, "plugins", """{"name":"datasources"}""", "*");
        await again.AssertProblemAsync(HttpStatusCode.Conflict, "already-exists");

        using var deleted = await server.Admin.SendJsonAsync(HttpMethod.Delete, "plugins/datasources", null, "*");
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        using var get = await server.Viewer.GetAsync(new Uri("plugins/datasources", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, get.StatusCode);
    }

    [Fact]
    public async Task CreatePlugin_WithInvalidName_Returns422()
    {
        var head = server.RepositoryHead();

        using var response = await server.Admin.SendJsonAsync(HttpMethod.Post, "plugins", """{"name":"Not_A_Label"}""", "*");

        var problem = await response.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "validation-failed");
        Assert.Equal("name", problem.GetProperty("errors")[0].GetProperty("field").GetString());
        Assert.Equal(head, server.RepositoryHead());
    }

    [Fact]
    public async Task PutConfig_ReplacesConfigBlock()
    {
        using var response = await server.Admin.SendJsonAsync(HttpMethod.Put, "plugins/mcp/config", """{"pageSize":10,"nested":{"a":[1,2]}}""", "*");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var config = (await response.JsonAsync()).GetProperty("config");
        Assert.Equal(10, config.GetProperty("pageSize").GetInt32());
        Assert.Equal(2, config.GetProperty("nested").GetProperty("a")[1].GetInt32());
        using var file = await server.Viewer.GetAsync(new Uri("plugins/mcp/files/sources.yaml", UriKind.Relative));
        Assert.Contains("pageSize: 10", await file.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PutConfig_WithNonObject_Returns400()
    {
        using var response = await server.Admin.SendJsonAsync(HttpMethod.Put, "plugins/mcp/config", "[1,2]", "*");

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "bad-request");
    }
}
