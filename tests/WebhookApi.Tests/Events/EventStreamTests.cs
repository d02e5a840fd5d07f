using System.Net;
using System.Text;
using System.Text.Json;
using GitOps.TestSupport.Hosting;

namespace GitOps.WebhookApi.Tests.Events;

/// <summary><c>GET /api/v1/events</c> on the real service: commits, source changes, passes and signed notifications as
/// they happen, and <c>Last-Event-ID</c> resume (replay, or <c>reset</c> when the id is unknown or too old).</summary>
public sealed class EventStreamTests : IAsyncLifetime, IDisposable
{
    private readonly TempDirectory _data = new("gitops-events");
    private ServiceProcess _service = null!;
    private HttpClient _viewer = null!;
    private HttpClient _admin = null!;

    public async Task InitializeAsync()
    {
        var settings = ApiServer.TokenSettings();
        settings["GitOps__Events__BufferSize"] = "16"; // small, so "too old" is reachable with a few commits
        _service = await ServiceProcess.StartAsync(_data.Path, settings);
        _viewer = Client(ApiServer.ViewerToken);
        _admin = Client(ApiServer.AdminToken);
    }

    [Fact]
    public async Task Stream_NeedsAToken()
    {
        using var anonymous = Client(null);
        using var response = await anonymous.GetAsync(new Uri("events", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Commit_ArrivesAsHeadSourcePassAndNotification_AndResumesFromLastEventId()
    {
        await using var stream = await SseClient.OpenAsync(_viewer);
        var ready = await stream.NextAsync();
        Assert.Equal("ready", ready.Name);
        Assert.False(ready.Json.GetProperty("resumed").GetBoolean());
        Assert.NotNull(ready.Id);

        var head = await ToggleAsync("models", "community_models", false);

        // The pass and the notification it caused come in either order; read until both are there.
        bool passSeen = false, notified = false;
        var seen = await stream.UntilAsync(e =>
        {
            passSeen |= e.Name == "pass" && e.Json.GetProperty("appliedHead").GetString() == head;
            notified |= e.Name == "notification" && e.Json.GetProperty("event").GetProperty("plugin").GetString() == "models";
            return passSeen && notified;
        });
        Assert.Contains(seen, e => e.Name == "head" && e.Json.GetProperty("head").GetString() == head);
        Assert.Contains(seen, e => e.Name == "source" && e.Json.GetProperty("plugin").GetString() == "models"
            && e.Json.GetProperty("source").GetString() == "community_models");
        var notification = seen.Last(e => e.Name == "notification").Json;
        Assert.Equal(head, notification.GetProperty("event").GetProperty("commit").GetString());
        Assert.False(string.IsNullOrEmpty(notification.GetProperty("keyId").GetString()));
        Assert.All(seen, e => Assert.NotNull(e.Id));

        // A client that reconnects with the id of "ready" gets exactly what came after it, with the same ids.
        await using var resumed = await SseClient.OpenAsync(_viewer, ready.Id);
        var again = await resumed.NextAsync();
        Assert.Equal("ready", again.Name);
        Assert.True(again.Json.GetProperty("resumed").GetBoolean());
        var missed = again.Json.GetProperty("missed").GetInt32();
        Assert.True(missed >= seen.Count, $"{missed} replayed, {seen.Count} seen");
        var replayed = new List<SseEvent>();
        for (var i = 0; i < seen.Count; i++) replayed.Add(await resumed.NextAsync());
        Assert.Equal(seen.Select(e => (e.Id, e.Name, e.Data)), replayed.Select(e => (e.Id, e.Name, e.Data)));
    }

    [Fact]
    public async Task LastEventId_FromAnotherProcessOrTooOld_GetsAReset()
    {
        await using (var unknown = await SseClient.OpenAsync(_viewer, "not-an-id-of-ours-7"))
        {
            var reset = await unknown.NextAsync();
            Assert.Equal("reset", reset.Name);
            Assert.Equal("unknown", reset.Json.GetProperty("reason").GetString());
            Assert.NotNull(reset.Id); // resuming from the reset's id misses nothing after it
        }

        // More events than the ring keeps (16): the first id of this process is then too old.
        await using var stream = await SseClient.OpenAsync(_viewer);
        var ready = await stream.NextAsync();
        var streamId = ready.Id![..ready.Id!.LastIndexOf('-')];
        var enabled = true;
        for (var latest = Sequence(ready.Id); latest <= 20;)
        {
            enabled = !enabled;
            var head = await ToggleAsync("mcp", "community_mcp", enabled);
            var events = await stream.UntilAsync(e => e.Name == "pass" && e.Json.GetProperty("appliedHead").GetString() == head);
            latest = Sequence(events[^1].Id!);
        }

        await using var old = await SseClient.OpenAsync(_viewer, $"{streamId}-1");
        var tooOld = await old.NextAsync();
        Assert.Equal("reset", tooOld.Name);
        Assert.Equal("too-old", tooOld.Json.GetProperty("reason").GetString());
    }

    private static long Sequence(string id) => long.Parse(id[(id.LastIndexOf('-') + 1)..], System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Sets a source's enabled flag through the API; returns the new head.</summary>
    private async Task<string> ToggleAsync(string plugin, string source, bool enabled)
    {
        using var request = new HttpRequestMessage(HttpMethod.Patch, $"plugins/{plugin}/sources/{source}")
        {
            Content = new StringContent(JsonSerializer.Serialize(new { enabled }), Encoding.UTF8, "application/merge-patch+json"),
        };
        request.Headers.TryAddWithoutValidation("If-Match", "*");
        using var response = await _admin.SendAsync(request);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return response.Headers.ETag!.Tag.Trim('"');
    }

    private HttpClient Client(string? token)
    {
        var client = new HttpClient { BaseAddress = new Uri(_service.BaseAddress, "api/v1/"), Timeout = TimeSpan.FromMinutes(2) };
        if (token is not null) client.DefaultRequestHeaders.Authorization = new("Bearer", token);
        return client;
    }

    public async Task DisposeAsync()
    {
        _viewer?.Dispose();
        _admin?.Dispose();
        if (_service is not null) await _service.DisposeAsync();
        _data.Dispose();
    }

    public void Dispose() => _data.Dispose();
}
