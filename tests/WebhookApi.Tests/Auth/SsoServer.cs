using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using GitOps.TestSupport.Hosting;
using LibGit2Sharp;

namespace GitOps.WebhookApi.Tests.Auth;

/// <summary>A real OpenID Provider and the real service configured against it (OIDC beside the static tokens of
/// <see cref="ApiServer"/>), with plugins for two teams and grants that split them.</summary>
public sealed class SsoServer : IAsyncLifetime, IDisposable
{
    public const string Platform = "platform-bot";
    public const string TeamA = "team-a-bot";
    public const string Loner = "loner-bot";
    public const string BobToken = "bob-token-for-tests";
    public static readonly string[] TeamPlugins = ["shared", "team-a-web", "team-b-db"];

    private readonly TempDirectory _data = new("gitops-sso");

    public OidcProvider Provider { get; private set; } = null!;

    public ServiceProcess Service { get; private set; } = null!;

    /// <summary>Shas of the commits that created each team plugin.</summary>
    public Dictionary<string, string> Created { get; } = [];

    public static Dictionary<string, JsonObject> Machines() => new()
    {
        [Platform] = new JsonObject { ["name"] = "Platform Bot", ["email"] = "platform@example.test", ["groups"] = new JsonArray("datasource:admin") },
        [TeamA] = new JsonObject { ["name"] = "Team A Bot", ["email"] = "team-a@example.test", ["groups"] = new JsonArray("team-a", "unmapped") },
        [Loner] = new JsonObject { ["name"] = "Loner", ["email"] = "loner@example.test" },
    };

    public static Dictionary<string, string?> OidcSettings(OidcProvider provider) => new()
    {
        ["GitOps__Auth__Oidc__Authority"] = provider.IssuerName,
        ["GitOps__Auth__Oidc__Audience"] = OidcProvider.Audience,
        ["GitOps__Auth__Oidc__RequireHttpsMetadata"] = "false",
        ["GitOps__Auth__Oidc__ClientId"] = OidcProvider.UiClient,
        ["GitOps__Auth__Oidc__Scopes"] = "openid profile email api",
        ["GitOps__Auth__Oidc__Resource"] = OidcProvider.Audience,
        ["GitOps__Auth__Oidc__Grants__0__Group"] = "datasource:admin", ["GitOps__Auth__Oidc__Grants__0__Role"] = "admin",
        ["GitOps__Auth__Oidc__Grants__1__Group"] = "team-a", ["GitOps__Auth__Oidc__Grants__1__Role"] = "admin", ["GitOps__Auth__Oidc__Grants__1__Plugins__0"] = "team-a-*",
        ["GitOps__Auth__Oidc__Grants__2__Group"] = "team-a", ["GitOps__Auth__Oidc__Grants__2__Role"] = "viewer", ["GitOps__Auth__Oidc__Grants__2__Plugins__0"] = "shared",
        ["GitOps__Auth__Tokens__3__Name"] = "bob", ["GitOps__Auth__Tokens__3__Role"] = "operator", ["GitOps__Auth__Tokens__3__Sha256"] = ApiServer.Sha256(BobToken),
        ["GitOps__Auth__Tokens__3__Plugins__0"] = "team-b-*",
    };

    public async Task InitializeAsync()
    {
        Provider = await OidcProvider.StartAsync(Machines(), new Dictionary<string, JsonObject>());
        var settings = ApiServer.TokenSettings();
        foreach (var (key, value) in OidcSettings(Provider)) settings[key] = value;
        Service = await ServiceProcess.StartAsync(_data.Path, settings);
        using var admin = Client(ApiServer.AdminToken);
        foreach (var plugin in TeamPlugins)
        {
            using var created = await admin.SendJsonAsync(HttpMethod.Post, "plugins", $$"""{"name":"{{plugin}}"}""", "*");
            Assert.True(created.IsSuccessStatusCode, await created.Content.ReadAsStringAsync());
            Created[plugin] = created.Headers.ETag!.Tag.Trim('"');
        }
    }

    public HttpClient Client(string? token)
    {
        var client = new HttpClient { BaseAddress = new Uri(Service.BaseAddress, "api/v1/") };
        if (token is not null) client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public async Task<HttpClient> PersonAsync(string machine) => Client(await Provider.ClientTokenAsync(machine));

    public Commit LastCommit(out Repository repository)
    {
        repository = new Repository(Path.Combine(_data.Path, "repo.git"));
        return repository.Branches["main"].Tip;
    }

    public async Task DisposeAsync()
    {
        if (Service is not null) await Service.DisposeAsync();
        if (Provider is not null) await Provider.DisposeAsync();
        _data.Dispose();
    }

    public void Dispose() => _data.Dispose();
}
