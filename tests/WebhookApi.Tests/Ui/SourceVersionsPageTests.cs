using Microsoft.Playwright;

namespace GitOps.WebhookApi.Tests.Ui;

/// <summary>A source's page lists its plugin's versions (the applied one marked) with a rollback button, and the source's events timeline.</summary>
public sealed class SourceVersionsPageTests
{
    [Fact]
    public async Task SourcePage_ShowsVersionsAndTimeline_AndRollsThePluginBack()
    {
        await using var ui = await UiFixture.StartAsync();
        var (source, _) = (await ui.SourcesAsync("models")).First(s => s.Enabled);
        var seed = await ui.HeadAsync();
        await ui.SetEnabledThroughApiAsync("models", source, enabled: false);
        var disabled = await ui.HeadAsync();
        await ui.OpenAsync($"#/plugins/models/sources/{source}");
        var page = ui.Browser.Page;

        var rows = page.Locator("#versions table.versions tbody tr");
        await Assertions.Expect(rows).ToHaveCountAsync(2);
        await Assertions.Expect(rows.Nth(0)).ToHaveAttributeAsync("data-sha", disabled);
        await Assertions.Expect(page.Locator($"#versions tr[data-sha='{disabled}'] .applied")).ToHaveTextAsync("applied");
        await Assertions.Expect(page.Locator($"#versions tr[data-sha='{disabled}'] button.rollback")).ToHaveCountAsync(0);
        var committed = page.Locator("#events ol.timeline li[data-kind='Committed']");
        await Assertions.Expect(committed.First).ToContainTextAsync(disabled[..8]);

        await page.ClickAsync($"#versions tr[data-sha='{seed}'] button.rollback");
        await page.ClickAsync("#confirm-ok");

        await Assertions.Expect(page.Locator("#versions table.versions tbody tr")).ToHaveCountAsync(3);
        var head = await ui.HeadAsync();
        Assert.NotEqual(disabled, head);
        Assert.Contains((await ui.SourcesAsync("models")), s => s.Id == source && s.Enabled);
        var commit = await ui.GetJsonAsync($"history/{head}");
        Assert.Contains($"roll back to {seed[..7]}", commit.GetProperty("summary").GetString());
        Assert.Empty(ui.Browser.UnexpectedConsoleErrors);
    }
}
