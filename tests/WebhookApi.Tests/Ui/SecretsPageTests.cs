using Microsoft.Playwright;

namespace GitOps.WebhookApi.Tests.Ui;

/// <summary>The plugin page's secrets section in a real browser: names only, a write-only set/replace form.</summary>
public sealed class SecretsPageTests
{
    private const string Value = "ui-typed-value-9Kx2";

    [Fact]
    public async Task SetSecret_ThroughTheForm_ListsItsNameAndKey_NeverTheValue()
    {
        await using var ui = await UiFixture.StartAsync();
        await ui.OpenAsync("#/plugins/models");
        var page = ui.Browser.Page;

        await page.FillAsync("#secret-name", "apiToken");
        await page.FillAsync("#secret-value", Value);
        await page.ClickAsync("form.secret-form button[type=submit]");

        await Assertions.Expect(page.Locator("#toast")).ToContainTextAsync("Secret apiToken set");
        var row = page.Locator("table.secrets tr[data-secret='apiToken']");
        await Assertions.Expect(row).ToContainTextAsync("k1");
        await Assertions.Expect(row).ToContainTextAsync("envelope");
        Assert.Equal("", await page.InputValueAsync("#secret-value"));
        Assert.Equal("password", await page.GetAttributeAsync("#secret-value", "type"));
        Assert.DoesNotContain(Value, await page.ContentAsync(), StringComparison.Ordinal);
        var listed = await ui.GetJsonAsync("plugins/models/secrets");
        Assert.Equal("apiToken", listed.GetProperty("secrets")[0].GetProperty("name").GetString());
        Assert.DoesNotContain(Value, listed.GetRawText(), StringComparison.Ordinal);
        Assert.Empty(ui.Browser.ConsoleErrors);
    }
}
