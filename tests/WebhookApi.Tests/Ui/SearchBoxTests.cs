using Microsoft.Playwright;

namespace GitOps.WebhookApi.Tests.Ui;

/// <summary>The search box in the top bar: results page with links to the plugin or source that matched.</summary>
public sealed class SearchBoxTests
{
    /// <summary>How long a page may take to show an answer on a machine loaded by parallel builds (not a speed assertion).</summary>
    private const float Patience = 20_000;

    [Fact]
    public async Task SearchBox_ListsMatches_AndLinksToTheSource()
    {
        await using var ui = await UiFixture.StartAsync();
        await ui.OpenAsync("#/plugins");
        var page = ui.Browser.Page;

        await page.FillAsync("#search-input", "community mcp");
        await page.PressAsync("#search-input", "Enter");

        var source = page.Locator(".search-results li[data-kind=source]", new() { HasText = "Community MCP Servers" });
        await Assertions.Expect(source).ToContainTextAsync("mcp / community_mcp", new() { Timeout = Patience });
        // Both words must match: the plugin "mcp" alone is not a result.
        await Assertions.Expect(page.Locator(".search-results li")).ToHaveCountAsync(1, new() { Timeout = Patience });
        await source.Locator("a").ClickAsync();
        await page.WaitForURLAsync("**/#/plugins/mcp/sources/community_mcp");
        await Assertions.Expect(page.Locator("h1")).ToContainTextAsync("Community MCP Servers", new() { Timeout = Patience });
        Assert.Empty(ui.Browser.ConsoleErrors);
    }
}
