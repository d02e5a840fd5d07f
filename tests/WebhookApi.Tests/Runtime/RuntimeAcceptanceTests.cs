using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using GitOps.TestSupport.Hosting;

namespace GitOps.WebhookApi.Tests.Runtime;

/// <summary>AC4 and AC5 end to end: the real service as a child process, real HTTP, a real repository on disk.</summary>
public sealed class RuntimeAcceptanceTests : IAsyncLifetime, IDisposable
{
    private readonly TempDirectory _directory = new("gitops-runtime-ac");
    private ServiceProcess? _service;
    private HttpClient _admin = null!;
    private HttpClient _operator = null!;

    public async Task InitializeAsync()
    {
        var seed = Path.Combine(_directory.Path, "seed");
        RuntimeApp.WriteSeed(seed);
        var settings = ApiServer.TokenSettings();
        settings["GitOps__Repository__Seed"] = seed;
        // A window no loaded machine outlasts between two concurrent requests; the wait for Retry-After itself runs on
        // fake time in Sources.SourceRefreshEndpointsTests.RefreshSource_TwiceInTheWindow_Answers429WithAnAccurateRetryAfter.
        settings["GitOps__RateLimit__Window"] = "00:10:00";
        _service = await ServiceProcess.StartAsync(Path.Combine(_directory.Path, "data"), settings);
        _admin = Client(ApiServer.AdminToken);
        _operator = Client(ApiServer.OperatorToken);
    }

    private HttpClient Client(string token)
    {
        var client = new HttpClient { BaseAddress = new Uri(_service!.BaseAddress, "api/v1/") };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    private async Task<JsonElement> StatusAsync(string plugin, string id)
    {
        var source = await _operator.GetFromJsonAsync<JsonElement>(new Uri($"plugins/{plugin}/sources/{id}", UriKind.Relative));
        return source.GetProperty("status");
    }

    [Fact]
    public async Task AC4_CommitOneCatalogAndRefreshThatSource_ChangesItsCountAndNoOtherSource()
    {
        var a = await StatusAsync("models", "a");
        var b = await StatusAsync("models", "b");
        var c = await StatusAsync("mcp", "c");
        Assert.Equal(3, a.GetProperty("entityCount").GetInt32());
        using var file = await _admin.GetAsync(new Uri("plugins/models/files/a.yaml", UriKind.Relative));
        var etag = file.Headers.ETag!.Tag;

        using var put = new HttpRequestMessage(HttpMethod.Put, new Uri("plugins/models/files/a.yaml", UriKind.Relative))
        {
            Content = new StringContent(RuntimeApp.Catalog("models", ["n1", "n2", "n3", "n4", "n5", "n6"]), Encoding.UTF8, "application/yaml"),
        };
        put.Headers.TryAddWithoutValidation("If-Match", etag);
        using var written = await _admin.SendAsync(put);
        Assert.True(written.IsSuccessStatusCode, $"PUT answered {written.StatusCode}: {await written.Content.ReadAsStringAsync()}");
        using var refresh = await _operator.PostAsync(new Uri("plugins/models/sources/a/refresh", UriKind.Relative), null);

        Assert.Equal(HttpStatusCode.OK, refresh.StatusCode);
        var refreshed = await refresh.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(6, refreshed.GetProperty("entityCount").GetInt32());
        Assert.Equal(6, (await StatusAsync("models", "a")).GetProperty("entityCount").GetInt32());
        foreach (var (before, after) in new[] { (b, await StatusAsync("models", "b")), (c, await StatusAsync("mcp", "c")) })
        {
            Assert.Equal(before.GetProperty("lastRefreshedAt").GetString(), after.GetProperty("lastRefreshedAt").GetString());
            Assert.Equal(before.GetProperty("entityCount").GetInt32(), after.GetProperty("entityCount").GetInt32());
        }
    }

    [Fact]
    public async Task AC5_RefreshTheSameSourceTwiceAtOnce_OneIsLimitedWithRetryAfter_AndAnotherSourceIsNot()
    {
        var uri = new Uri("plugins/mcp/sources/c/refresh", UriKind.Relative);

        var responses = await Task.WhenAll(_operator.PostAsync(uri, null), _operator.PostAsync(uri, null));
        try
        {
            Assert.Equal([HttpStatusCode.OK, HttpStatusCode.TooManyRequests], responses.Select(r => r.StatusCode).Order());
            var limited = responses.Single(r => r.StatusCode == HttpStatusCode.TooManyRequests);
            var retryAfter = limited.Headers.RetryAfter?.Delta ?? throw new InvalidOperationException("no Retry-After");
            Assert.InRange(retryAfter.TotalSeconds, 1, 600);
            var problem = await limited.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal("urn:gitops:problem:rate-limited", problem.GetProperty("type").GetString());

            using var other = await _operator.PostAsync(new Uri("plugins/models/sources/b/refresh", UriKind.Relative), null);
            Assert.Equal(HttpStatusCode.OK, other.StatusCode);
        }
        finally
        {
            foreach (var response in responses) response.Dispose();
        }
    }

    public async Task DisposeAsync()
    {
        _admin.Dispose();
        _operator.Dispose();
        if (_service is not null) await _service.DisposeAsync();
        _directory.Dispose();
    }

    public void Dispose() => _directory.Dispose();
}
