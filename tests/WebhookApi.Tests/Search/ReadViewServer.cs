using System.Net.Http.Headers;
using System.Text.Json;
using GitOps.TestSupport.Hosting;

namespace GitOps.WebhookApi.Tests.Search;

/// <summary>The real service on the example repository, with the role tokens and one viewer limited to plugin <c>mcp</c>;
/// started once the running sources have loaded, so the read views and the search see their entities.</summary>
public sealed class ReadViewServer : IAsyncLifetime, IDisposable
{
    public const string Collection = "read views";

    public const string McpOnlyToken = "mcp-only-token-for-tests";

    private readonly TempDirectory _data = new("gitops-reads");
    private ServiceProcess? _service;

    public HttpClient Viewer { get; private set; } = null!;
    public HttpClient Operator { get; private set; } = null!;
    public HttpClient McpOnly { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var settings = ApiServer.TokenSettings();
        settings["GitOps__Auth__Tokens__3__Name"] = "molly";
        settings["GitOps__Auth__Tokens__3__Role"] = "viewer";
        settings["GitOps__Auth__Tokens__3__Sha256"] = ApiServer.Sha256(McpOnlyToken);
        settings["GitOps__Auth__Tokens__3__Plugins__0"] = "mcp";
        _service = await ServiceProcess.StartAsync(_data.Path, settings);
        Viewer = Client(ApiServer.ViewerToken);
        Operator = Client(ApiServer.OperatorToken);
        McpOnly = Client(McpOnlyToken);
        // Through the uncached one-source read, so the cached views are first built on the loaded state.
        foreach (var (plugin, source) in new[] { ("mcp", "community_mcp"), ("mcp", "organization_mcp"), ("models", "organization_ai_models") })
            await WaitReadyAsync(plugin, source);
    }

    private async Task WaitReadyAsync(string plugin, string source)
    {
        for (var attempt = 0; attempt < 200; attempt++)
        {
            using var response = await Viewer.GetAsync(new Uri($"plugins/{plugin}/sources/{source}", UriKind.Relative));
            var state = (await response.JsonAsync()).GetProperty("status").GetProperty("state").GetString();
            if (state == "Ready") return;
            await Task.Delay(50);
        }
        throw new InvalidOperationException($"source {plugin}/{source} did not turn Ready");
    }

    private HttpClient Client(string token)
    {
        var client = new HttpClient { BaseAddress = new Uri(_service!.BaseAddress, "api/v1/") };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>Every search result for <paramref name="query"/> as (kind, plugin, source, name), one page of up to 200.</summary>
    public static async Task<List<(string Kind, string Plugin, string? Source, string Name)>> SearchAsync(HttpClient client, string query)
    {
        using var response = await client.GetAsync(new Uri($"search?q={Uri.EscapeDataString(query)}&limit=200", UriKind.Relative));
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        var page = await response.JsonAsync();
        Assert.Equal(JsonValueKind.Null, page.GetProperty("nextCursor").ValueKind);
        return [.. page.GetProperty("items").EnumerateArray().Select(Item)];
    }

    public static (string Kind, string Plugin, string? Source, string Name) Item(JsonElement item) => (
        item.GetProperty("kind").GetString()!,
        item.GetProperty("plugin").GetString()!,
        item.TryGetProperty("source", out var source) ? source.GetString() : null,
        item.GetProperty("name").GetString()!);

    public async Task DisposeAsync()
    {
        Viewer?.Dispose();
        Operator?.Dispose();
        McpOnly?.Dispose();
        if (_service is not null) await _service.DisposeAsync();
    }

    public void Dispose() => _data.Dispose();
}

/// <summary>The read-only tests of the read views and the search share one service.</summary>
[CollectionDefinition(ReadViewServer.Collection)]
public sealed class ReadViewCollection : ICollectionFixture<ReadViewServer>;
