using Microsoft.Playwright;
using GitOps.TestSupport.Hosting;

namespace GitOps.WebhookApi.Tests.Ui;

/// <summary>The sources page in a real browser: AC2 (toggle survives a restart), the 409 and 429 paths, narrow screens.</summary>
public sealed class SourcesPageTests
{
    private static ILocator Row(IPage page, string source) => page.Locator($"tr[data-source='{source}']");

    [Fact]
    public async Task ToggleOff_SurvivesRestart_AndHistoryShowsTheUserAsAuthor()
    {
        await using var ui = await UiFixture.StartAsync();
        var (source, _) = (await ui.SourcesAsync("models")).First(s => s.Enabled);
        await ui.OpenAsync("#/plugins/models");
        var page = ui.Browser.Page;
        var toggle = Row(page, source).Locator("input[role=switch]");
        Assert.True(await toggle.IsCheckedAsync());

        await toggle.ClickAsync();
        await Assertions.Expect(page.Locator("#toast")).ToContainTextAsync("disabled");

        await ui.Service.RestartAsync();
        await page.ReloadAsync();
        await Assertions.Expect(Row(page, source).Locator("input[role=switch]")).Not.ToBeCheckedAsync();
        Assert.Contains((source, false), await ui.SourcesAsync("models"));

        await page.ClickAsync("nav >> text=History");
        var newest = page.Locator("table.history tbody tr").First;
        await Assertions.Expect(newest.Locator(".summary")).ToContainTextAsync($"disable source {source}");
        await Assertions.Expect(newest.Locator(".author")).ToHaveTextAsync(UiFixture.User);
        Assert.Empty(ui.Browser.UnexpectedConsoleErrors);
        Assert.Empty(ui.Browser.ConsoleErrors);
    }

    [Fact]
    public async Task Toggle_WhenConfigChangedMeanwhile_ExplainsConflictAndOffersReload()
    {
        await using var ui = await UiFixture.StartAsync();
        var sources = await ui.SourcesAsync("models");
        var (target, _) = sources.First(s => s.Enabled);
        var (other, otherEnabled) = sources.First(s => s.Id != target);
        // Without the live stream (down, or not yet told): the page still holds the old head when the user clicks.
        await ui.Browser.Page.RouteAsync("**" + BrowserSession.EventStreamPath, route => route.AbortAsync());
        await ui.OpenAsync("#/plugins/models");
        var page = ui.Browser.Page;
        await Assertions.Expect(Row(page, target).Locator("input[role=switch]")).ToBeCheckedAsync();
        var headBefore = await ui.HeadAsync();

        await ui.SetEnabledThroughApiAsync("models", other, !otherEnabled);
        await Row(page, target).Locator("input[role=switch]").ClickAsync();

        var banner = page.Locator("#banner");
        await Assertions.Expect(banner).ToContainTextAsync("configuration changed");
        await Assertions.Expect(Row(page, target).Locator("input[role=switch]")).ToBeCheckedAsync();
        Assert.Contains((target, true), await ui.SourcesAsync("models"));
        Assert.NotEqual(headBefore, await ui.HeadAsync());

        await banner.Locator("button", new() { HasText = "Reload" }).ClickAsync();
        await Assertions.Expect(banner).ToBeEmptyAsync();
        await Assertions.Expect(Row(page, other).Locator("input[role=switch]")).ToBeCheckedAsync(new() { Checked = !otherEnabled });
        Assert.Empty(ui.Browser.UnexpectedConsoleErrors);
    }

    [Fact]
    public async Task Refresh_WhenRateLimited_ShowsWhenToRetry_AndReenablesTheButtonThen()
    {
        await using var ui = await UiFixture.StartAsync(new Dictionary<string, string?> { ["GitOps__RateLimit__Window"] = "00:00:03" });
        var (source, _) = (await ui.SourcesAsync("models")).First(s => s.Enabled);
        await ui.OpenAsync("#/plugins/models");
        var page = ui.Browser.Page;
        var button = Row(page, source).Locator("button.refresh");

        await button.ClickAsync();
        await Assertions.Expect(page.Locator("#toast")).ToContainTextAsync("refreshed");
        await Assertions.Expect(button).ToBeEnabledAsync();
        await button.ClickAsync();

        await Assertions.Expect(button).ToBeDisabledAsync();
        await Assertions.Expect(button).ToContainTextAsync("Retry in");
        await Assertions.Expect(button).ToBeEnabledAsync(new() { Timeout = 10_000 });
        await Assertions.Expect(button).ToHaveTextAsync("Refresh");
        await button.ClickAsync();
        await Assertions.Expect(page.Locator("#toast")).ToContainTextAsync("refreshed");
        Assert.Empty(ui.Browser.UnexpectedConsoleErrors);
    }

    [Fact]
    public async Task SourcesPage_OnNarrowScreen_FitsWithoutHorizontalScrolling_AndWorksWithTheKeyboard()
    {
        await using var ui = await UiFixture.StartAsync(width: 390, height: 844);
        var (source, _) = (await ui.SourcesAsync("models")).First(s => s.Enabled);
        await ui.OpenAsync("#/plugins/models");
        var page = ui.Browser.Page;
        var toggle = Row(page, source).Locator("input[role=switch]");
        await Assertions.Expect(toggle).ToBeCheckedAsync();

        var overflow = await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > window.innerWidth");
        Assert.False(overflow);

        await toggle.FocusAsync();
        await page.Keyboard.PressAsync("Space");
        await Assertions.Expect(page.Locator("#toast")).ToContainTextAsync("disabled");
        Assert.Contains((source, false), await ui.SourcesAsync("models"));
        Assert.Empty(ui.Browser.ConsoleErrors);
    }

    /// <summary>Set to 1 to write the README's screenshot (docs/images/sources-page.png) instead of a temporary file.</summary>
    public const string UpdateScreenshotsVariable = "GITOPS_UPDATE_SCREENSHOTS";

    [Fact]
    public async Task SourcesPage_Screenshot_IsTakenFromTheRealUiForTheReadme()
    {
        await using var ui = await UiFixture.StartAsync();
        await ui.OpenAsync("#/plugins/models");
        var page = ui.Browser.Page;
        await Assertions.Expect(page.Locator("table.sources tbody tr").First).ToBeVisibleAsync();
        // The tracked image changes only when someone asks for it; an ordinary run leaves the work tree clean.
        var tracked = Path.Combine(RepositoryRoot.Path, "docs", "images", "sources-page.png");
        var update = Environment.GetEnvironmentVariable(UpdateScreenshotsVariable) == "1";
        using var scratch = new TempDirectory("gitops-screenshot");
        var file = update ? tracked : Path.Combine(scratch.Path, "sources-page.png");
        var trackedBefore = File.Exists(tracked) ? await File.ReadAllBytesAsync(tracked) : null;

        await page.ScreenshotAsync(new PageScreenshotOptions { Path = file, FullPage = true });

        Assert.True(new FileInfo(file).Length > 10_000);
        Assert.Empty(ui.Browser.ConsoleErrors);
        if (!update) Assert.Equal(trackedBefore, File.Exists(tracked) ? await File.ReadAllBytesAsync(tracked) : null);
    }
}
