using System.Net;
using System.Text.Json.Nodes;
using GitOps.TestSupport.Hosting;

namespace GitOps.WebhookApi.Tests.Auth;

/// <summary>The provider rotates its signing key: a token with the new <c>kid</c> is accepted once the service has
/// refreshed the JWKS (an unknown kid asks for that refresh), and a token with the retired key is refused.</summary>
public sealed class KeyRotationTests
{
    [Fact]
    public async Task TokenAfterRotation_IsAcceptedOnceJwksIsRefreshed()
    {
        await using var provider = await OidcProvider.StartAsync(SsoServer.Machines(), new Dictionary<string, JsonObject>());
        using var data = new TempDirectory("gitops-rotation");
        var settings = ApiServer.TokenSettings();
        foreach (var (key, value) in SsoServer.OidcSettings(provider)) settings[key] = value;
        await using var service = await ServiceProcess.StartAsync(data.Path, settings);
        using var http = new HttpClient { BaseAddress = new Uri(service.BaseAddress, "api/v1/") };
        var before = await provider.ClientTokenAsync(SsoServer.Platform);
        Assert.Equal(HttpStatusCode.OK, await StatusOf(http, before));

        await provider.RotateAsync();
        var after = await provider.ClientTokenAsync(SsoServer.Platform);

        // The first sight of the new kid triggers a JWKS refresh; it lands within a few requests, without a restart.
        var accepted = false;
        for (var attempt = 0; attempt < 50 && !accepted; attempt++)
        {
            accepted = await StatusOf(http, after) == HttpStatusCode.OK;
            if (!accepted) await Task.Delay(100);
        }
        Assert.True(accepted, "a token signed with the provider's new key was never accepted");
        // The retired key is no longer trusted once the JWKS no longer lists it (no "last known good" fallback).
        using var request = new HttpRequestMessage(HttpMethod.Get, "plugins");
        request.Headers.Authorization = new("Bearer", before);
        using var retired = await http.SendAsync(request);
        var problem = await retired.AssertProblemAsync(HttpStatusCode.Unauthorized, "unauthorized");
        Assert.Equal("unknown-key", problem.GetProperty("check").GetString());
    }

    private static async Task<HttpStatusCode> StatusOf(HttpClient http, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "plugins");
        request.Headers.Authorization = new("Bearer", token);
        using var response = await http.SendAsync(request);
        return response.StatusCode;
    }
}
