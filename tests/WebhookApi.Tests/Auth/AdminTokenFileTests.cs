using System.Net;
using System.Net.Http.Headers;
using GitOps.TestSupport.Hosting;

namespace GitOps.WebhookApi.Tests.Auth;

/// <summary>The embedded default: no token configured, so the first start creates an admin token file (0600) and later starts reuse it.</summary>
public sealed class AdminTokenFileTests
{
    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task FirstStart_CreatesOwnerOnlyTokenFile_LogsItsPathNotTheToken_AndReusesItAfterRestart()
    {
        using var data = new TempDirectory("gitops-token");
        await using var service = await ServiceProcess.StartAsync(data.Path);

        var file = Path.Combine(data.Path, "admin.token");
        Assert.True(File.Exists(file));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
        var token = service.AdminToken!;
        Assert.Contains(file, service.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(token, service.Output, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, await GetPluginsAsync(service, token));

        await service.RestartAsync();

        Assert.Equal(token, service.AdminToken);
        Assert.Equal(HttpStatusCode.OK, await GetPluginsAsync(service, token));
        Assert.Equal(HttpStatusCode.Unauthorized, await GetPluginsAsync(service, token + "x"));
    }

    [Fact]
    public async Task ModeNone_AcceptsCallsWithoutToken()
    {
        using var data = new TempDirectory("gitops-noauth");
        await using var service = await ServiceProcess.StartAsync(data.Path, new Dictionary<string, string?> { ["GitOps__Auth__Mode"] = "None" });

        Assert.Equal(HttpStatusCode.OK, await GetPluginsAsync(service, null));
        Assert.False(File.Exists(Path.Combine(data.Path, "admin.token")));
    }

    [Theory]
    [InlineData("GitOps__Auth__Tokens__0__Sha256", "not-hex", "GitOps:Auth:Tokens:0:Sha256")]
    [InlineData("GitOps__Auth__Tokens__0__Role", "root", "GitOps:Auth:Tokens:0:Role")]
    public async Task BadOption_FailsStartupNamingTheOption(string key, string value, string named)
    {
        using var data = new TempDirectory("gitops-badauth");
        var settings = ApiServer.TokenSettings();
        settings[key] = value;

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => ServiceProcess.StartAsync(data.Path, settings));

        Assert.Contains(named, error.Message, StringComparison.Ordinal);
    }

    private static async Task<HttpStatusCode> GetPluginsAsync(ServiceProcess service, string? token)
    {
        using var http = new HttpClient { BaseAddress = service.BaseAddress };
        if (token is not null) http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await http.GetAsync(new Uri("api/v1/plugins", UriKind.Relative));
        return response.StatusCode;
    }
}
