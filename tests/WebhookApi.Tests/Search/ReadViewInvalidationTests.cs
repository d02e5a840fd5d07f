using System.Net;
using static GitOps.WebhookApi.Tests.Search.ReadViewCacheTests;

namespace GitOps.WebhookApi.Tests.Search;

/// <summary>A status change of one plugin (a refresh) makes its cached views answer 200 with the new state; another
/// plugin's views keep answering 304.</summary>
public sealed class ReadViewInvalidationTests(ReadViewServer server) : IClassFixture<ReadViewServer>
{
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
}
