using Microsoft.Playwright;

namespace GitOps.WebhookApi.Tests.Ui;

/// <summary>The UI follows <c>GET /api/v1/events</c>: what someone else changes shows up on the page a person is looking at.</summary>
public sealed class LivePageTests
{
    [Fact]
    public async Task SourceToggledElsewhere_FlipsOnScreen_AndAnOpenEditFormGetsABanner()
    {
        await using var ui = await UiFixture.StartAsync();
        var sources = await ui.SourcesAsync("models");
        var (target, _) = sources.First(s => s.Enabled);
        var (other, _) = sources.First(s => s.Id != target && s.Enabled);
        var page = ui.Browser.Page;
        await ui.OpenAsync("#/plugins/models");
        var toggle = page.Locator($"tr[data-source='{target}'] input[role=switch]");
        await Assertions.Expect(toggle).ToBeCheckedAsync();
        await Assertions.Expect(page.Locator("html[data-live='on']")).ToHaveCountAsync(1);

        await ui.SetEnabledThroughApiAsync("models", target, false);

        await Assertions.Expect(toggle).Not.ToBeCheckedAsync();
        await Assertions.Expect(page.Locator("#banner")).ToBeEmptyAsync();

        // An edit form is open when the head moves under it: the banner says so before any save is tried.
        await page.ClickAsync($"tr[data-source='{other}'] th a");
        await Assertions.Expect(page.Locator("form.edit")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("html[data-live='on']")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("#banner")).ToBeEmptyAsync();

        await ui.SetEnabledThroughApiAsync("models", target, true);

        var banner = page.Locator("#banner");
        await Assertions.Expect(banner).ToContainTextAsync("changed while this form was open");
        await banner.Locator("button", new() { HasText = "Reload" }).ClickAsync();
        await Assertions.Expect(banner).ToBeEmptyAsync();
        Assert.Empty(ui.Browser.UnexpectedConsoleErrors);
    }

    [Fact]
    public async Task StatusPage_ShowsPassesAsTheyHappen()
    {
        await using var ui = await UiFixture.StartAsync();
        var page = ui.Browser.Page;
        await ui.OpenAsync("#/status");
        await Assertions.Expect(page.Locator("html[data-live='on']")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("ul.live-passes")).ToHaveCountAsync(0);

        var source = (await ui.SourcesAsync("models")).First(s => s.Enabled).Id;
        await ui.SetEnabledThroughApiAsync("models", source, false);
        var head = await ui.HeadAsync();

        await Assertions.Expect(page.Locator("ul.live-passes li").First).ToContainTextAsync(head[..8]);
        Assert.Empty(ui.Browser.UnexpectedConsoleErrors);
    }
}
