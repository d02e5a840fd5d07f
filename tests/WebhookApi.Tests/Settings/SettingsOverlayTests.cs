using System.Net;
using GitOps.TestSupport.HotReload;
using GitOps.TestSupport.Hosting;
using GitOps.WebhookApi.Tests.Webhooks;

namespace GitOps.WebhookApi.Tests.Settings;

/// <summary>The optional settings overlay (GitOps:SettingsOverlay:Path) on the real service: a kubelet-style mounted
/// directory with appsettings.yaml whose webhook secret changes while the service runs.</summary>
public sealed class SettingsOverlayTests
{
    private static readonly byte[] Body = """{"event": "test"}"""u8.ToArray();

    [Fact]
    public async Task WebhookSecret_ChangesLive_AndAMalformedUpdateKeepsThePreviousOne()
    {
        using var data = new TempDirectory("gitops-overlay");
        using var mount = new TempDirectory("gitops-overlay-mount");
        var volume = new KubeletVolume(mount.Path);
        volume.Write(Overlay("first-secret"));
        var settings = ApiServer.TokenSettings();
        settings["GitOps__SettingsOverlay__Path"] = mount.Path;
        await using var service = await ServiceProcess.StartAsync(data.Path, settings);
        using var http = new HttpClient { BaseAddress = service.BaseAddress };
        Assert.Equal(HttpStatusCode.Accepted, await PostGenericAsync(http, "first-secret"));

        volume.Write(Overlay("second-secret"));
        await WaitUntilAsync(async () => await PostGenericAsync(http, "second-secret") == HttpStatusCode.Accepted, "the new secret is accepted");
        Assert.Equal(HttpStatusCode.Unauthorized, await PostGenericAsync(http, "first-secret"));

        volume.Write(new Dictionary<string, string> { ["appsettings.yaml"] = "GitOps:\n  Webhooks: [unclosed\n" });
        await WaitUntilAsync(async () => (await http.GetStringAsync(new Uri("metrics", UriKind.Relative)))
            .Contains("gitops_hotreload_reloads_total{name=\"settings-overlay\",result=\"invalid\"} 1", StringComparison.Ordinal), "the refusal is counted");
        Assert.Equal(HttpStatusCode.Accepted, await PostGenericAsync(http, "second-secret"));
        Assert.Contains("Refused settings-overlay update", service.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("second-secret", service.Output, StringComparison.Ordinal);
        var metrics = await http.GetStringAsync(new Uri("metrics", UriKind.Relative));
        Assert.Contains("gitops_hotreload_reloads_total{name=\"settings-overlay\",result=\"success\"} 2", metrics, StringComparison.Ordinal);
        Assert.Contains("gitops_hotreload_staleness_seconds{name=\"settings-overlay\"}", metrics, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MalformedOverlayAtStartup_FailsStartupNamingTheFile()
    {
        using var data = new TempDirectory("gitops-overlay-bad");
        using var mount = new TempDirectory("gitops-overlay-bad-mount");
        new KubeletVolume(mount.Path).Write(new Dictionary<string, string> { ["appsettings.json"] = """{"GitOps": {"""  });
        var settings = ApiServer.TokenSettings();
        settings["GitOps__SettingsOverlay__Path"] = mount.Path;

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => ServiceProcess.StartAsync(data.Path, settings));

        Assert.Contains(Path.Combine(mount.Path, "appsettings.json"), error.Message, StringComparison.Ordinal);
        Assert.Contains("invalid JSON", error.Message, StringComparison.Ordinal);
    }

    private static Dictionary<string, string> Overlay(string secret) => new()
    {
        ["appsettings.yaml"] = $"""
            GitOps:
              Webhooks:
                GenericSecret: "{secret}"
            """,
    };

    private static async Task<HttpStatusCode> PostGenericAsync(HttpClient http, string secret)
    {
        using var request = Deliveries.Generic(Body, Deliveries.Signature(secret, Body), Guid.NewGuid().ToString());
        using var response = await http.SendAsync(request);
        return response.StatusCode;
    }

    internal static async Task WaitUntilAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20); // a bound for a loaded machine, not a speed assertion
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline) Assert.Fail($"timed out waiting until {what}");
            await Task.Delay(50);
        }
    }
}
