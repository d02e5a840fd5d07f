using System.Diagnostics;
using System.Net;
using GitOps.TestSupport.Git;
using GitOps.TestSupport.Hosting;

namespace GitOps.WebhookApi.Tests.Webhooks;

/// <summary>Webhooks end to end on the real host: the service as a child process (Kestrel, the real reconcile consumers)
/// in remote mode against a <c>git daemon</c> remote, whose own log counts the fetches.</summary>
public sealed class WebhookRealHostTests : IAsyncLifetime, IDisposable
{
    private const string Catalog = "plugins/models/organization-models.yaml";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60); // a hang guard, not a timing assertion
    private RemoteRepository _remote = null!;
    private ServiceProcess _service = null!;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        _remote = await RemoteRepository.StartAsync(RepositoryRoot.ExamplesRepo);
        _service = await ServiceProcess.StartAsync(_remote.Scratch("service"), new Dictionary<string, string?>
        {
            ["GitOps__Repository__RemoteUrl"] = _remote.Url,
            ["GitOps__Webhooks__GitHubSecret"] = WebhookHost.GitHubSecret,
            ["GitOps__Auth__Mode"] = "None",
            ["GitOps__Reconcile__Interval"] = "01:00:00", // only webhooks fetch during a test
        });
        _http = new HttpClient { BaseAddress = _service.BaseAddress };
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _service.DisposeAsync();
        await _remote.DisposeAsync();
    }

    public void Dispose() => _http?.Dispose();

    [Fact]
    public async Task Push_ThenSignedWebhook_FetchesFromTheRemoteAndServesTheNewCatalog()
    {
        var model = $"pushed-{Guid.NewGuid():N}";
        var fetchesBefore = _remote.Daemon.UploadPacks(RemoteRepository.Name);
        var pushed = _remote.CommitFile(Catalog, $"source: Organization AI\nmodels:\n  - name: {model}\n", "models: one new model");

        using var response = await _http.SendAsync(Deliveries.SignedGitHub("push", PushBody(pushed)));
        await WaitUntilAsync(async () => (await EntitiesAsync()).Contains(model, StringComparison.Ordinal));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal(pushed, await HeadAsync());
        await WaitUntilAsync(() => Task.FromResult(_remote.Daemon.UploadPacks(RemoteRepository.Name) > fetchesBefore));
    }

    [Fact]
    public async Task HundredSignedPushesAtOnce_AreCoalescedIntoAFewRealFetches_AndTheLastPushIsApplied()
    {
        var model = $"burst-{Guid.NewGuid():N}";
        var pushed = _remote.CommitFile(Catalog, $"source: Organization AI\nmodels:\n  - name: {model}\n", "models: burst");
        var body = PushBody(pushed);
        var fetchesBefore = _remote.Daemon.UploadPacks(RemoteRepository.Name);

        var burst = Stopwatch.StartNew();
        var statuses = await Task.WhenAll(Enumerable.Range(0, 100).Select(async _ =>
        {
            using var response = await _http.SendAsync(Deliveries.SignedGitHub("push", body));
            return response.StatusCode;
        }));
        burst.Stop();
        await WaitUntilAsync(async () => (await EntitiesAsync()).Contains(model, StringComparison.Ordinal));
        await Task.Delay(TimeSpan.FromSeconds(1)); // a trailing fetch, if one is due, runs 500 ms after the last
        var fetches = _remote.Daemon.UploadPacks(RemoteRepository.Name) - fetchesBefore;

        Assert.All(statuses, status => Assert.Equal(HttpStatusCode.Accepted, status));
        // The coalescer fetches at most once per 500 ms window plus one trailing fetch: however long this machine took
        // to send the burst, 100 deliveries never mean 100 fetches.
        var windows = (int)Math.Ceiling(burst.Elapsed / TimeSpan.FromMilliseconds(500));
        Assert.InRange(fetches, 1, Math.Min(2 + windows, 99));
    }

    private static byte[] PushBody(string after) => Deliveries.Bytes(new System.Text.Json.Nodes.JsonObject
    {
        ["ref"] = "refs/heads/main",
        ["after"] = after,
        ["repository"] = new System.Text.Json.Nodes.JsonObject { ["name"] = "config", ["full_name"] = "acme/config", ["owner"] = new System.Text.Json.Nodes.JsonObject { ["login"] = "acme" } },
    });

    private Task<string> EntitiesAsync() =>
        _http.GetStringAsync(new Uri("api/v1/plugins/models/sources/organization_ai_models/entities", UriKind.Relative));

    private async Task<string> HeadAsync()
    {
        using var status = await _http.GetAsync(new Uri("api/v1/status", UriKind.Relative));
        return System.Text.Json.JsonDocument.Parse(await status.Content.ReadAsStringAsync()).RootElement.GetProperty("head").GetString()!;
    }

    private async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        using var guard = new CancellationTokenSource(Patience);
        while (!await condition())
        {
            if (guard.IsCancellationRequested) Assert.Fail($"not reached within {Patience.TotalSeconds} s:\n{_service.Output}\n--- git daemon\n{_remote.Daemon.Output}");
            await Task.Delay(50, CancellationToken.None);
        }
    }
}
