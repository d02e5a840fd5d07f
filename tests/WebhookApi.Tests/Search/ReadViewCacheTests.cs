using System.Net;

namespace GitOps.WebhookApi.Tests.Search;

/// <summary>The cached list views: If-None-Match on the head answers 304 while the view is the one served under that
/// head, a status change of one plugin makes its views answer 200 with the new state, and other plugins keep their 304.</summary>
public sealed class ReadViewCacheTests(ReadViewServer server) : IClassFixture<ReadViewServer>
{
    [Theory]
    [InlineData("plugins")]
    [InlineData("plugins/models")]
    [InlineData("plugins/models/sources")]
    public async Task IfNoneMatch_OnTheETag_Is304WithoutBody(string path)
    {
        using var first = await server.Viewer.GetAsync(new Uri(path, UriKind.Relative));
        var etag = first.Headers.ETag!.Tag;
        var body = await first.Content.ReadAsByteArrayAsync();

        using var again = await server.Viewer.GetAsync(new Uri(path, UriKind.Relative));
        using var conditional = await SendAsync(server.Viewer, path, etag);
        using var weak = await SendAsync(server.Viewer, path, $"W/{etag}");
        using var other = await SendAsync(server.Viewer, path, "\"0000000000000000000000000000000000000000\"");

        Assert.Equal(body, await again.Content.ReadAsByteArrayAsync());
        Assert.Equal(HttpStatusCode.NotModified, conditional.StatusCode);
        Assert.Equal(etag, conditional.Headers.ETag!.Tag);
        Assert.Empty(await conditional.Content.ReadAsByteArrayAsync());
        Assert.Equal(HttpStatusCode.NotModified, weak.StatusCode);
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
        Assert.Equal(body, await other.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task StatusChange_RebuildsOnlyThatPluginsViews()
    {
        const string path = "plugins/mcp/sources";
        using var before = await server.Viewer.GetAsync(new Uri(path, UriKind.Relative));
        var etag = before.Headers.ETag!.Tag;
        var refreshedBefore = RefreshedAt(await before.JsonAsync());
        using var untouched = await server.Viewer.GetAsync(new Uri("plugins/catalog", UriKind.Relative));
        using var list = await server.McpOnly.GetAsync(new Uri("plugins", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotModified, (await SendAsync(server.Viewer, path, etag)).StatusCode);

        await Task.Delay(20); // the refresh time must differ from the first load's
        using var refresh = await server.Operator.PostAsync(new Uri("plugins/mcp/sources/community_mcp/refresh", UriKind.Relative), null);
        Assert.Equal(HttpStatusCode.OK, refresh.StatusCode);

        using var after = await SendAsync(server.Viewer, path, etag);
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        Assert.Equal(etag, after.Headers.ETag!.Tag); // same head: the ETag still names it, for If-Match
        Assert.NotEqual(refreshedBefore, RefreshedAt(await after.JsonAsync()));
        // The head no longer names one representation of mcp's views, so they answer in full from now on …
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(server.Viewer, path, etag)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(server.McpOnly, "plugins", etag)).StatusCode);
        // … while another plugin's view was not touched by mcp's status change.
        Assert.Equal(HttpStatusCode.NotModified, (await SendAsync(server.Viewer, "plugins/catalog", untouched.Headers.ETag!.Tag)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
    }

    private static string? RefreshedAt(System.Text.Json.JsonElement sources) =>
        sources.EnumerateArray().Single(s => s.GetProperty("id").GetString() == "community_mcp")
            .GetProperty("status").GetProperty("lastRefreshedAt").GetString();

    private static Task<HttpResponseMessage> SendAsync(HttpClient client, string path, string ifNoneMatch)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
        request.Headers.TryAddWithoutValidation("If-None-Match", ifNoneMatch);
        return client.SendAsync(request);
    }
}
