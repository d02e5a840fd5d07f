using Microsoft.Playwright;

namespace GitOps.WebhookApi.Tests.Ui;

/// <summary>History in the browser: a commit's diff and revert with confirmation; the status page.</summary>
public sealed class HistoryPageTests
{
    [Fact]
    public async Task Revert_AfterConfirmation_CreatesACommitThatUndoesTheChange()
    {
        await using var ui = await UiFixture.StartAsync();
        var (source, _) = (await ui.SourcesAsync("models")).First(s => s.Enabled);
        await ui.SetEnabledThroughApiAsync("models", source, false);
        await ui.OpenAsync("#/history");
        var page = ui.Browser.Page;

        await page.Locator("table.history tbody tr").First.Locator("a").ClickAsync();
        await Assertions.Expect(page.Locator("pre.diff").First).ToContainTextAsync("enabled");
        await page.ClickAsync("button:has-text('Revert this commit')");
        await Assertions.Expect(page.Locator("#confirm-dialog")).ToBeVisibleAsync();
        await page.ClickAsync("#confirm-ok");

        await Assertions.Expect(page.Locator("table.history tbody tr").First.Locator(".summary")).ToContainTextAsync("Revert");
        Assert.Contains((source, true), await ui.SourcesAsync("models"));
        Assert.Empty(ui.Browser.ConsoleErrors);
    }

    [Fact]
    public async Task Revert_WhenCancelled_WritesNothing()
    {
        await using var ui = await UiFixture.StartAsync();
        var (source, _) = (await ui.SourcesAsync("models")).First(s => s.Enabled);
        await ui.SetEnabledThroughApiAsync("models", source, false);
        var head = await ui.HeadAsync();
        await ui.OpenAsync("#/history");
        var page = ui.Browser.Page;

        await page.Locator("table.history tbody tr").First.Locator("a").ClickAsync();
        await page.ClickAsync("button:has-text('Revert this commit')");
        await page.ClickAsync("#confirm-dialog button[value=cancel]");

        await Assertions.Expect(page.Locator("#confirm-dialog")).ToBeHiddenAsync();
        Assert.Equal(head, await ui.HeadAsync());
    }

    [Fact]
    public async Task StatusPage_ShowsHeadModeAndPerPluginHashes()
    {
        await using var ui = await UiFixture.StartAsync();
        var head = await ui.HeadAsync();
        await ui.OpenAsync("#/status");
        var page = ui.Browser.Page;

        await Assertions.Expect(page.Locator(".facts")).ToContainTextAsync(head[..8]);
        await Assertions.Expect(page.Locator(".facts")).ToContainTextAsync("ReadWrite");
        await Assertions.Expect(page.Locator("table.status tr[data-plugin=models]")).ToBeVisibleAsync();
        Assert.Empty(ui.Browser.ConsoleErrors);
    }
}
