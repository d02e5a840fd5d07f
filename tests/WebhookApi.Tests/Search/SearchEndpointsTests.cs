using System.Net;

namespace GitOps.WebhookApi.Tests.Search;

[Collection(ReadViewServer.Collection)]
public sealed class SearchEndpointsTests(ReadViewServer server)
{
    [Fact]
    public async Task Search_FindsEachKind_ByTheStartOfItsWords()
    {
        var plugin = await ReadViewServer.SearchAsync(server.Viewer, "MCP");
        var source = await ReadViewServer.SearchAsync(server.Viewer, "community serv");
        var sourceById = await ReadViewServer.SearchAsync(server.Viewer, "organization_ai_mod");
        var label = await ReadViewServer.SearchAsync(server.Viewer, "internal");
        var entity = await ReadViewServer.SearchAsync(server.Viewer, "model-regis");

        Assert.Contains(("plugin", "mcp", (string?)null, "mcp"), plugin);
        Assert.Contains(("source", "mcp", (string?)"community_mcp", "Community MCP Servers"), source);
        Assert.Contains(sourceById, i => i.Kind == "source" && i.Plugin == "models" && i.Source == "organization_ai_models");
        Assert.Contains(("label", "mcp", (string?)"organization_mcp", "Internal"), label);
        Assert.Contains(("entity", "mcp", (string?)"organization_mcp", "model-registry"), entity);
        // Every word must start a word of the name: "serv" alone matches, "erv" (inside a word) does not.
        Assert.Empty(await ReadViewServer.SearchAsync(server.Viewer, "erv"));
    }

    [Fact]
    public async Task Search_PagesWithCursor_InTheSameOrderAsOnePage()
    {
        var all = await ReadViewServer.SearchAsync(server.Viewer, "m");
        Assert.True(all.Count > 4, $"the query should match more than two pages of 2; got {all.Count}");

        var paged = new List<(string, string, string?, string)>();
        string? cursor = null;
        do
        {
            var path = "search?q=m&limit=2" + (cursor is null ? "" : $"&cursor={cursor}");
            using var response = await server.Viewer.GetAsync(new Uri(path, UriKind.Relative));
            var page = await response.JsonAsync();
            var items = page.GetProperty("items").EnumerateArray().Select(ReadViewServer.Item).ToList();
            Assert.InRange(items.Count, 1, 2);
            paged.AddRange(items);
            cursor = page.GetProperty("nextCursor").GetString();
        }
        while (cursor is not null);

        Assert.Equal(all, paged);
    }

    [Fact]
    public async Task Search_ShowsOnlyPluginsTheCallerMayRead()
    {
        var everyone = await ReadViewServer.SearchAsync(server.Viewer, "organization");
        var scoped = await ReadViewServer.SearchAsync(server.McpOnly, "organization");

        Assert.Contains(everyone, i => i.Plugin == "models");
        Assert.Contains(scoped, i => i.Plugin == "mcp" && i.Source == "organization_mcp");
        Assert.All(scoped, i => Assert.Equal("mcp", i.Plugin));
        Assert.Equal(everyone.Where(i => i.Plugin == "mcp"), scoped);
    }

    [Theory]
    [InlineData("search", "q")]
    [InlineData("search?q=%20%20", "q")]
    [InlineData("search?q=---", "q")]
    [InlineData("search?q=mcp&limit=0", "limit")]
    [InlineData("search?q=mcp&limit=abc", "limit")]
    [InlineData("search?q=mcp&cursor=not-a-cursor", "cursor")]
    public async Task Search_BadParameters_Are400NamingTheParameter(string path, string parameter)
    {
        using var response = await server.Viewer.GetAsync(new Uri(path, UriKind.Relative));

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest, "bad-request");
        Assert.Equal(parameter, problem.GetProperty("parameter").GetString());
    }

    [Fact]
    public async Task Search_TooLongQuery_Is400()
    {
        using var response = await server.Viewer.GetAsync(new Uri($"search?q={new string('a', 201)}", UriKind.Relative));

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest, "bad-request");
        Assert.Contains("at most 200", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }
}
