using Microsoft.Playwright;

namespace GitOps.WebhookApi.Tests.Ui;

/// <summary>A source's page: edit with server-side validation errors next to the field, dry run, entities, token prompt.</summary>
public sealed class SourcePageTests
{
    [Fact]
    public async Task Edit_WithUnknownType_ShowsTheServersErrorNextToTheField_AndWritesNothing()
    {
        await using var ui = await UiFixture.StartAsync();
        var (source, _) = (await ui.SourcesAsync("models")).First(s => s.Enabled);
        var headBefore = await ui.HeadAsync();
        await ui.OpenAsync($"#/plugins/models/sources/{source}");
        var page = ui.Browser.Page;

        await page.FillAsync("#f-type", "no-such-provider");
        await page.ClickAsync("form.edit button[type=submit]");

        var error = page.Locator("#e-type");
        await Assertions.Expect(error).ToContainTextAsync("no-such-provider");
        await Assertions.Expect(page.Locator("#f-type")).ToHaveAttributeAsync("aria-invalid", "true");
        Assert.Equal(headBefore, await ui.HeadAsync());
        Assert.Empty(ui.Browser.UnexpectedConsoleErrors);
    }

    [Fact]
    public async Task TestButton_RunsADryRun_AndShowsEntityCountWithoutWriting()
    {
        await using var ui = await UiFixture.StartAsync();
        var (source, _) = (await ui.SourcesAsync("models")).First(s => s.Enabled);
        var headBefore = await ui.HeadAsync();
        await ui.OpenAsync($"#/plugins/models/sources/{source}");
        var page = ui.Browser.Page;

        await page.ClickAsync("form.edit button:has-text('Test')");

        var result = page.Locator(".test-result");
        await Assertions.Expect(result).ToContainTextAsync("Nothing was written");
        await Assertions.Expect(result).ToContainTextAsync("Ready");
        Assert.Equal(headBefore, await ui.HeadAsync());
        Assert.Empty(ui.Browser.ConsoleErrors);
    }

    [Fact]
    public async Task TestButton_WithABadSource_ShowsTheServersFieldErrorNextToTheField()
    {
        await using var ui = await UiFixture.StartAsync();
        var (source, _) = (await ui.SourcesAsync("models")).First(s => s.Enabled);
        await ui.OpenAsync($"#/plugins/models/sources/{source}");
        var page = ui.Browser.Page;

        await page.FillAsync("#f-type", "");
        await page.ClickAsync("form.edit button:has-text('Test')");

        await Assertions.Expect(page.Locator("#e-type")).ToContainTextAsync("'type' is required");
        await Assertions.Expect(page.Locator("#f-type")).ToHaveAttributeAsync("aria-invalid", "true");
        await Assertions.Expect(page.Locator(".test-result")).ToBeEmptyAsync();
        Assert.Empty(ui.Browser.UnexpectedConsoleErrors);
    }

    [Fact]
    public async Task Entities_CanBeFilteredByName()
    {
        await using var ui = await UiFixture.StartAsync();
        var (source, _) = (await ui.SourcesAsync("models")).First(s => s.Enabled);
        await ui.OpenAsync($"#/plugins/models/sources/{source}");
        var page = ui.Browser.Page;
        var items = page.Locator("ul.entities li");
        await Assertions.Expect(items.First).ToBeVisibleAsync();
        var firstName = await items.First.Locator("strong").InnerTextAsync();

        await page.FillAsync("#entity-filter", firstName);
        await page.PressAsync("#entity-filter", "Enter");

        await Assertions.Expect(page.Locator("#entities-title + form + p")).ToContainTextAsync($"matching “{firstName}”");
        foreach (var name in await page.Locator("ul.entities li strong").AllInnerTextsAsync())
            Assert.Contains(firstName, name, StringComparison.OrdinalIgnoreCase);
        Assert.Empty(ui.Browser.ConsoleErrors);
    }

    [Fact]
    public async Task WithoutAToken_TheUiAsksForOne_AndThenLoadsThePage()
    {
        await using var ui = await UiFixture.StartAsync();

        await ui.OpenWithPromptAsync("#/plugins");

        await Assertions.Expect(ui.Browser.Page.Locator("section.card[data-plugin=models]")).ToBeVisibleAsync();
        var stored = await ui.Browser.Page.EvaluateAsync<string>("() => sessionStorage.getItem('gitops.token')");
        Assert.Equal(ui.Token, stored);
        Assert.Empty(ui.Browser.UnexpectedConsoleErrors);
    }
}
