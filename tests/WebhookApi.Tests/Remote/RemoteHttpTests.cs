using System.Net;
using System.Text;
using System.Text.Json;
using GitOps.TestSupport.Git;
using GitOps.TestSupport.Hosting;
using GitOps.WebhookApi.Tests.Webhooks;

namespace GitOps.WebhookApi.Tests.Remote;

/// <summary>The service in remote mode over smart HTTP with basic authentication (DESIGN §3, §7): real child processes on
/// <c>git http-backend</c> behind Kestrel. The credentials must work, and must never show in output or status.</summary>
public sealed class RemoteHttpTests : IAsyncLifetime
{
    private const string Source = "plugins/models/sources/organization_ai_models";
    private const string User = "gitops-bot";
    private const string Password = "pw-NeverShowThisPassword-4711";
    private const string WrongPassword = "pw-AlsoNeverShowThisOne-0815";
    private RemoteRepository _remote = null!;
    private GitHttpServer _http = null!;

    public async Task InitializeAsync()
    {
        _remote = await RemoteRepository.StartAsync(RepositoryRoot.ExamplesRepo);
        _http = await GitHttpServer.StartAsync(_remote.Daemon.BasePath, User, Password);
    }

    public async Task DisposeAsync()
    {
        await _http.DisposeAsync();
        await _remote.DisposeAsync();
    }

    [Theory]
    [InlineData("password")]
    [InlineData("token")]
    public async Task RemoteOverHttp_WithBasicAuth_ClonesPushesAMutationAndFetches_AndNeverShowsTheSecret(string credentials)
    {
        var settings = Settings();
        if (credentials == "token")
        {
            _http.SetCredentials("x-access-token", RemoteReplica.SecretToken);
            settings["GitOps__Repository__Token"] = RemoteReplica.SecretToken;
        }
        else
        {
            settings["GitOps__Repository__Username"] = User;
            settings["GitOps__Repository__Password"] = Password;
        }
        await using var replica = await RemoteReplica.StartAsync(_remote.Scratch("replica"), settings);
        var start = _remote.Head();
        Assert.Equal($"\"{start}\"", await replica.Api.ETagAsync());

        using var patched = await replica.Api.SendJsonAsync(HttpMethod.Patch, Source, """{"name":"Pushed over HTTP"}""", $"\"{start}\"", "application/merge-patch+json");
        Assert.Equal(HttpStatusCode.OK, patched.StatusCode);
        var committed = patched.Headers.ETag!.Tag.Trim('"');
        Assert.Equal(committed, _remote.Head());
        Assert.Contains("Pushed over HTTP", _remote.Show("plugins/models/sources.yaml"), StringComparison.Ordinal);
        Assert.Contains(_http.Requests, r => r is { Method: "POST", Path: "/config.git/git-receive-pack", Status: 200, User: not null });

        var pushed = _remote.CommitFile("plugins/models/organization-models.yaml",
            "source: Organization AI\nmodels:\n  - name: fetched-over-http\n", "models: replace the organization catalog");
        var payload = Deliveries.Payload("github-push.json");
        payload["after"] = pushed;
        using (var delivered = await replica.Root.SendAsync(Deliveries.SignedGitHub("push", Deliveries.Bytes(payload))))
            Assert.Equal(HttpStatusCode.Accepted, delivered.StatusCode);
        await replica.EventuallyAsync(async () => await replica.Api.ETagAsync() == $"\"{pushed}\"", "the pushed head fetched over HTTP");

        Assert.All(_http.Requests.Where(r => r.Path.StartsWith("/config.git/", StringComparison.Ordinal) && r.Status != 401), r => Assert.NotNull(r.User));
        var status = await StatusAsync(replica);
        Assert.Equal("ReadWrite", status.GetProperty("mode").GetString());
        AssertNoSecret(replica.Service.Output, status.GetRawText());
    }

    [Fact]
    public async Task StartUp_WithAWrongPasswordAndNoClone_FailsWithAClearError_ThatDoesNotShowThePassword()
    {
        var settings = Settings();
        settings["GitOps__Repository__Username"] = User;
        settings["GitOps__Repository__Password"] = WrongPassword;

        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => RemoteReplica.StartAsync(_remote.Scratch("replica"), settings));

        Assert.Contains("cannot clone GitOps:Repository:RemoteUrl", failure.Message, StringComparison.Ordinal);
        Assert.Contains("Authentication failed", failure.Message, StringComparison.Ordinal);
        Assert.Contains("check GitOps:Repository:Token, or GitOps:Repository:Username and GitOps:Repository:Password", failure.Message, StringComparison.Ordinal);
        Assert.Contains(_http.Requests, r => r.Status == 401);
        Assert.DoesNotContain(_http.Requests, r => r.User is not null);
        AssertNoSecret(failure.Message);
    }

    [Fact]
    public async Task Restart_WithAWrongPasswordAndAClone_StartsReadOnlyWithAClearError_ThatDoesNotShowThePassword()
    {
        var settings = Settings();
        settings["GitOps__Repository__Username"] = User;
        settings["GitOps__Repository__Password"] = Password;
        var data = _remote.Scratch("replica");
        string earlierOutput;
        await using (var first = await RemoteReplica.StartAsync(data, settings))
            earlierOutput = first.Service.Output;

        settings["GitOps__Repository__Password"] = WrongPassword;
        await using var replica = await RemoteReplica.StartAsync(data, settings);
        var start = _remote.Head();

        var status = await StatusAsync(replica);
        Assert.Equal("ReadOnly", status.GetProperty("mode").GetString());
        var lastError = status.GetProperty("lastError").GetString();
        Assert.Contains("Authentication failed", lastError, StringComparison.Ordinal);
        Assert.Contains("GitOps:Repository", lastError, StringComparison.Ordinal);
        using (var read = await replica.Api.GetAsync(new Uri(Source, UriKind.Relative)))
            Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        using var refused = await replica.Api.SendJsonAsync(HttpMethod.Patch, Source, """{"enabled":false}""", $"\"{start}\"", "application/merge-patch+json");
        var problem = await refused.AssertProblemAsync(HttpStatusCode.ServiceUnavailable, "store-unavailable");
        Assert.Equal(start, _remote.Head());
        AssertNoSecret(earlierOutput, replica.Service.Output, status.GetRawText(), problem.GetRawText());
    }

    private Dictionary<string, string?> Settings()
    {
        var settings = ApiServer.TokenSettings();
        settings["GitOps__Repository__RemoteUrl"] = _http.UrlOf(RemoteRepository.Name);
        settings["GitOps__Webhooks__GitHubSecret"] = WebhookHost.GitHubSecret;
        return settings;
    }

    /// <summary>Neither secret, nor the basic-auth header value built from them, appears in any of <paramref name="texts"/>.</summary>
    private static void AssertNoSecret(params string[] texts)
    {
        string[] secrets =
        [
            Password, WrongPassword, RemoteReplica.SecretToken,
            Convert.ToBase64String(Encoding.UTF8.GetBytes($"{User}:{Password}")),
            Convert.ToBase64String(Encoding.UTF8.GetBytes($"{User}:{WrongPassword}")),
            Convert.ToBase64String(Encoding.UTF8.GetBytes($"x-access-token:{RemoteReplica.SecretToken}")),
        ];
        foreach (var text in texts)
            foreach (var secret in secrets)
                Assert.DoesNotContain(secret, text, StringComparison.Ordinal);
    }

    private static async Task<JsonElement> StatusAsync(RemoteReplica replica)
    {
        using var response = await replica.Api.GetAsync(new Uri("status", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.JsonAsync();
    }
}
