using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace GitOps.WebhookApi.Tests.Webhooks;

public sealed class UnconfiguredWebhookTests
{
    [Fact]
    public async Task GitHubPush_WhenNoSecretIsConfigured_Returns401SayingTheEndpointIsNotConfigured()
    {
        using var host = new WebhookHost(new Dictionary<string, string?> { ["GitOps:Webhooks:GitHubSecret"] = "" });
        var body = Deliveries.Bytes(Deliveries.Payload("github-push.json"));

        using var signedWithEmpty = await host.Client.SendAsync(Deliveries.GitHub("push", body, Deliveries.Signature("", body)));
        using var unsigned = await host.Client.SendAsync(Deliveries.GitHub("push", body, signature: null));

        Assert.Equal(HttpStatusCode.Unauthorized, signedWithEmpty.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, unsigned.StatusCode);
        var problem = await unsigned.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains("not configured", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains("GitHubSecret", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }
}
