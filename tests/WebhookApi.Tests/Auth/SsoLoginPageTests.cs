using System.Text.Json.Nodes;
using GitOps.TestSupport.Hosting;
using GitOps.WebhookApi.Tests.Ui;
using Microsoft.Playwright;

namespace GitOps.WebhookApi.Tests.Auth;

/// <summary>The web UI's single sign-on in headless Chromium: authorization code with PKCE through the real provider's
/// login page, the person's name in the top bar, only their plugins listed, then logout.</summary>
public sealed class SsoLoginPageTests
{
    /// <summary>A redirect to or from the provider loads a whole page; generous on a loaded machine (CI runs many hosts).</summary>
    private static readonly PageWaitForURLOptions Redirect = new() { Timeout = 45_000 };

    [Fact]
    public async Task Login_ThroughTheProviderPage_ShowsThePersonAndOnlyTheirPlugins_ThenLogsOut()
    {
        var people = new Dictionary<string, JsonObject>
        {
            ["carol"] = new() { ["name"] = "Carol Example", ["email"] = "carol@example.test", ["groups"] = new JsonArray("team-a") },
        };
        await using var provider = await OidcProvider.StartAsync(new Dictionary<string, JsonObject>(), people, withUiClient: true);
        using var data = new TempDirectory("gitops-sso-ui");
        var settings = ApiServer.TokenSettings();
        foreach (var (key, value) in SsoServer.OidcSettings(provider)) settings[key] = value;
        await using var service = await ServiceProcess.StartAsync(data.Path, settings);
        await provider.SetUiRedirectAsync(service.BaseAddress);
        using (var admin = new HttpClient { BaseAddress = new Uri(service.BaseAddress, "api/v1/") })
        {
            admin.DefaultRequestHeaders.Authorization = new("Bearer", ApiServer.AdminToken);
            foreach (var plugin in SsoServer.TeamPlugins)
                using (var created = await admin.SendJsonAsync(HttpMethod.Post, "plugins", $$"""{"name":"{{plugin}}"}""", "*"))
                    Assert.True(created.IsSuccessStatusCode);
        }
        await using var browser = await BrowserSession.StartAsync();
        var page = browser.Page;
        // The provider's page imports a web font from the internet; this machine is offline, so fail it at once.
        await page.RouteAsync("https://fonts.googleapis.com/**", route => route.AbortAsync());

        await page.GotoAsync(service.BaseAddress.ToString());
        await page.Locator("#token-dialog").WaitForAsync(new() { State = WaitForSelectorState.Visible });
        await page.ClickAsync("#sso-login");
        await page.WaitForURLAsync(url => url.StartsWith(provider.Issuer.ToString(), StringComparison.Ordinal), Redirect);
        await page.FillAsync("input[name=login]", "carol");
        await page.FillAsync("input[name=password]", "any password");
        await page.ClickAsync("button[type=submit]");
        await page.ClickAsync("button:has-text('Continue')");
        await page.WaitForURLAsync(url => url.StartsWith(service.BaseAddress.ToString(), StringComparison.Ordinal), Redirect);

        // Back on the service: the page exchanges the code and asks /me (three requests; generous on a loaded machine).
        await Assertions.Expect(page.Locator("#who")).ToHaveTextAsync("Carol Example", new() { Timeout = 30_000 });
        await Assertions.Expect(page.Locator("#view")).ToContainTextAsync("team-a-web");
        var listed = await page.Locator("#view").InnerTextAsync();
        Assert.Contains("shared", listed, StringComparison.Ordinal);
        Assert.DoesNotContain("team-b-db", listed, StringComparison.Ordinal);
        Assert.DoesNotContain("models", listed, StringComparison.Ordinal);
        Assert.DoesNotContain("code=", page.Url, StringComparison.Ordinal); // the code leaves the address bar at once
        var token = await page.EvaluateAsync<string?>("() => sessionStorage.getItem('gitops.token')");
        Assert.Equal(2, token!.Count(c => c == '.')); // a JWT from the provider, held like a static token

        await page.ClickAsync("#logout-button");
        await page.WaitForURLAsync(url => url.StartsWith(provider.Issuer.ToString(), StringComparison.Ordinal), Redirect);
        await page.ClickAsync("button[name=logout][value=yes]");
        await page.WaitForURLAsync(url => url.StartsWith(service.BaseAddress.ToString(), StringComparison.Ordinal), Redirect);
        await page.Locator("#token-dialog").WaitForAsync(new() { State = WaitForSelectorState.Visible });
        Assert.Null(await page.EvaluateAsync<string?>("() => sessionStorage.getItem('gitops.token')"));
        // The provider's own page asks for a web font this offline machine cannot load; nothing else may fail.
        Assert.DoesNotContain(browser.UnexpectedConsoleErrors, e => !e.Contains("net::ERR", StringComparison.Ordinal));
    }
}
