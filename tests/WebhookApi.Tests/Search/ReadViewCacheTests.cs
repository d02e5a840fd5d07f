using System.Net;

namespace GitOps.WebhookApi.Tests.Search;

/// <summary>The cached list views answer If-None-Match on the head with 304 while the view is the one served under that
/// head (the service is shared with the search tests, which change no status).</summary>
[Collection(ReadViewServer.Collection)]
public sealed class ReadViewCacheTests(ReadViewServer server)
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

    internal static Task<HttpResponseMessage> SendAsync(HttpClient client, string path, string ifNoneMatch)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
        request.Headers.TryAddWithoutValidation("If-None-Match", ifNoneMatch);
        return client.SendAsync(request);
    }
}
