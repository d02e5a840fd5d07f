using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using GitOps.TestSupport.Hosting;

namespace GitOps.WebhookApi.Tests.Ui;

/// <summary>A running service with a named admin token ("alice") plus a browser; one per UI test.</summary>
public sealed class UiFixture : IAsyncDisposable
{
    public const string User = "alice";

    private readonly TempDirectory _data;

    private UiFixture(TempDirectory data, ServiceProcess service, BrowserSession browser, string token)
    {
        _data = data;
        Service = service;
        Browser = browser;
        Token = token;
        Http = new HttpClient { BaseAddress = new Uri(service.BaseAddress, "api/v1/") };
        Http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
    }

    public ServiceProcess Service { get; }

    public BrowserSession Browser { get; }

    public string Token { get; }

    public HttpClient Http { get; }

    /// <summary>The service's data directory (<c>repo.git</c>, <c>signing.key</c>).</summary>
    public string DataDirectory => _data.Path;

    public static async Task<UiFixture> StartAsync(IReadOnlyDictionary<string, string?>? settings = null, int width = 1280, int height = 900)
    {
        var token = $"ui-{Guid.NewGuid():N}";
        var environment = new Dictionary<string, string?>(settings ?? new Dictionary<string, string?>())
        {
            ["GitOps__Auth__Tokens__0__Name"] = User,
            ["GitOps__Auth__Tokens__0__Role"] = "admin",
            ["GitOps__Auth__Tokens__0__Sha256"] = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token))),
        };
        var data = new TempDirectory("gitops-ui");
        var service = await ServiceProcess.StartAsync(data.Path, environment);
        var browser = await BrowserSession.StartAsync(width, height);
        return new UiFixture(data, service, browser, token);
    }

    /// <summary>Opens a page of the UI (e.g. "#/plugins/models") with the token already in session storage,
    /// as after the user entered it once in this tab.</summary>
    public async Task OpenAsync(string hashRoute)
    {
        await Browser.Context.AddInitScriptAsync($"sessionStorage.setItem('gitops.token', {JsonSerializer.Serialize(Token)});");
        await Browser.Page.GotoAsync(new Uri(Service.BaseAddress, "/" + hashRoute).ToString());
    }

    /// <summary>Opens a page with no token: the UI must ask for one at its first 401.</summary>
    public Task OpenWithPromptAsync(string hashRoute) => Browser.OpenWithTokenAsync(Service.BaseAddress, "/" + hashRoute, Token);

    public async Task<JsonElement> GetJsonAsync(string path) =>
        await Http.GetFromJsonAsync<JsonElement>(path);

    /// <summary>The ids of the plugin's sources with their enabled flag, as the API reports them.</summary>
    public async Task<IReadOnlyList<(string Id, bool Enabled)>> SourcesAsync(string plugin)
    {
        var data = await GetJsonAsync($"plugins/{plugin}");
        var sources = data.GetProperty("sources");
        var items = sources.ValueKind == JsonValueKind.Array ? sources : sources.GetProperty("items");
        return items.EnumerateArray().Select(s => (s.GetProperty("id").GetString()!, s.GetProperty("enabled").GetBoolean())).ToList();
    }

    public async Task<string> HeadAsync()
    {
        using var response = await Http.GetAsync(new Uri("plugins", UriKind.Relative));
        return response.Headers.ETag!.Tag.Trim('"');
    }

    /// <summary>Sets a source's enabled flag through the API (If-Match: *), as another user would.</summary>
    public async Task SetEnabledThroughApiAsync(string plugin, string source, bool enabled)
    {
        using var request = new HttpRequestMessage(HttpMethod.Patch, $"plugins/{plugin}/sources/{source}")
        {
            Content = new StringContent(JsonSerializer.Serialize(new { enabled }), Encoding.UTF8, "application/merge-patch+json"),
        };
        request.Headers.TryAddWithoutValidation("If-Match", "*");
        using var response = await Http.SendAsync(request);
        response.EnsureSuccessStatusCode();
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Browser.DisposeAsync();
        await Service.DisposeAsync();
        _data.Dispose();
    }
}
