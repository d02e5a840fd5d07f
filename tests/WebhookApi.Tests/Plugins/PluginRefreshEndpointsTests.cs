using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using GitOps.WebhookApi.Tests.Runtime;

namespace GitOps.WebhookApi.Tests.Plugins;

[Collection(RuntimeApp.Collection)]
public sealed class PluginRefreshEndpointsTests
{
    [Fact]
    public async Task RefreshPlugin_ReturnsEveryStatusAndIsLimitedPerPlugin()
    {
        using var app = new RuntimeApp();
        using var client = app.CreateClient();

        using var first = await client.PostAsync(new Uri("/api/v1/plugins/models/refresh", UriKind.Relative), null);
        using var second = await client.PostAsync(new Uri("/api/v1/plugins/models/refresh", UriKind.Relative), null);
        using var other = await client.PostAsync(new Uri("/api/v1/plugins/mcp/refresh", UriKind.Relative), null);
        using var source = await client.PostAsync(new Uri("/api/v1/plugins/models/sources/a/refresh", UriKind.Relative), null);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var statuses = await first.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(["a", "b"], statuses.EnumerateArray().Select(s => s.GetProperty("id").GetString()));
        Assert.Equal(HttpStatusCode.TooManyRequests, second.StatusCode);
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
        Assert.Equal(HttpStatusCode.OK, source.StatusCode);
    }
}
