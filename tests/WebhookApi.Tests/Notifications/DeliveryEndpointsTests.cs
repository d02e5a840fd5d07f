using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using GitOps.TestSupport.Hosting;

namespace GitOps.WebhookApi.Tests.Notifications;

/// <summary>The webhook sink inside the real service: the start-up pass announces every plugin to a loopback subscriber,
/// signed with the service's published key; the delivery log (operator) and redelivery (admin) over HTTP.</summary>
public sealed class DeliveryEndpointsTests : IAsyncLifetime, IDisposable
{
    private const string Secret = "whsec_c2VjcmV0LWZvci1kZWxpdmVyeS10ZXN0cw==";

    private readonly SharedOrder _order = new();
    private readonly TempDirectory _data = new("gitops-deliveries");
    private WebhookReceiver _receiver = null!;
    private ServiceProcess _service = null!;

    public async Task InitializeAsync()
    {
        _receiver = await WebhookReceiver.StartAsync(0, _order);
        var settings = ApiServer.TokenSettings();
        settings["GitOps__Notifications__Webhooks__0__Url"] = _receiver.Url.ToString();
        settings["GitOps__Notifications__Webhooks__0__Secret"] = Secret;
        _service = await ServiceProcess.StartAsync(_data.Path, settings);
    }

    [Fact]
    public async Task StartUpEvents_AreDelivered_Signed_Logged_AndRedeliverable()
    {
        using var viewer = Client(ApiServer.ViewerToken);
        using var operatorClient = Client(ApiServer.OperatorToken);
        using var admin = Client(ApiServer.AdminToken);

        // The first pass announces each plugin of the seed (catalog, mcp, models).
        await WebhookReceiver.WaitUntilAsync(() => _receiver.Answered.Count >= 3, "the start-up events");
        var keys = await viewer.GetFromJsonAsync<JsonElement>("notifications/keys");
        var publicKey = Convert.FromBase64String(keys.GetProperty("keys")[0].GetProperty("publicKey").GetString()!);
        Assert.All(_receiver.Received, r =>
        {
            Assert.True(TestNotifications.HmacMatches(r, Secret), $"HMAC of {r.WebhookId}");
            Assert.True(TestNotifications.Ed25519Matches(r, publicKey), $"Ed25519 of {r.WebhookId}");
        });

        using (var forbidden = await viewer.GetAsync(new Uri("notifications/deliveries", UriKind.Relative)))
            Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        // The receiver counts a request as answered just before the answer reaches the service: poll the log.
        string log;
        for (var attempt = 0; ; attempt++)
        {
            log = await operatorClient.GetStringAsync(new Uri("notifications/deliveries", UriKind.Relative));
            var states = JsonDocument.Parse(log).RootElement.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("state").GetString()).ToList();
            if (states.Count == _receiver.Received.Count && states.All(s => s == "Delivered")) break;
            Assert.True(attempt < 500, $"the delivery log never said delivered: {log}");
            await Task.Delay(20);
        }
        Assert.DoesNotContain(Secret, log, StringComparison.Ordinal);
        Assert.DoesNotContain("path-secret", log, StringComparison.Ordinal); // the URL's path and query stay out
        var items = JsonDocument.Parse(log).RootElement.GetProperty("items");
        Assert.Equal(_receiver.Received.Select(r => r.WebhookId).Order(), items.EnumerateArray().Select(i => i.GetProperty("eventId").GetString()!).Order());
        var delivered = items[0];
        Assert.Equal("Delivered", delivered.GetProperty("state").GetString());
        Assert.Equal($"http://127.0.0.1:{_receiver.Url.Port}", delivered.GetProperty("endpoint").GetString());

        foreach (var bad in new[] { "limit=0", "limit=abc", "state=bogus" })
        {
            using var refused = await operatorClient.GetAsync(new Uri($"notifications/deliveries?{bad}", UriKind.Relative));
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        }
        var failedOnly = await operatorClient.GetFromJsonAsync<JsonElement>("notifications/deliveries?state=failed");
        Assert.Equal(0, failedOnly.GetProperty("items").GetArrayLength());

        var id = delivered.GetProperty("id").GetString()!;
        using (var notAdmin = await operatorClient.PostAsync(new Uri($"notifications/deliveries/{id}:redeliver", UriKind.Relative), null))
            Assert.Equal(HttpStatusCode.Forbidden, notAdmin.StatusCode);
        await AssertProblemAsync(admin, "not-a-delivery-id", HttpStatusCode.BadRequest, "urn:gitops:problem:bad-request");
        await AssertProblemAsync(admin, new string('0', 32), HttpStatusCode.NotFound, "urn:gitops:problem:not-found");

        var before = _receiver.Received.Count;
        using var redeliver = await admin.PostAsync(new Uri($"notifications/deliveries/{id}:redeliver", UriKind.Relative), null);
        Assert.Equal(HttpStatusCode.Accepted, redeliver.StatusCode);
        var copy = await redeliver.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(id, copy.GetProperty("redeliveryOf").GetString());
        await WebhookReceiver.WaitUntilAsync(() => _receiver.Answered.Count > before, "the redelivery");
        Assert.Equal(delivered.GetProperty("eventId").GetString(), _receiver.Received[^1].WebhookId);
        Assert.DoesNotContain(Secret, _service.Output, StringComparison.Ordinal);
    }

    private static async Task AssertProblemAsync(HttpClient admin, string id, HttpStatusCode status, string type)
    {
        using var response = await admin.PostAsync(new Uri($"notifications/deliveries/{id}:redeliver", UriKind.Relative), null);
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(type, problem.GetProperty("type").GetString());
    }

    private HttpClient Client(string token)
    {
        var client = new HttpClient { BaseAddress = new Uri(_service.BaseAddress, "api/v1/") };
        client.DefaultRequestHeaders.Authorization = new("Bearer", token);
        return client;
    }

    public async Task DisposeAsync()
    {
        if (_service is not null) await _service.DisposeAsync();
        if (_receiver is not null) await _receiver.DisposeAsync();
        _data.Dispose();
    }

    public void Dispose() => _data.Dispose();
}
