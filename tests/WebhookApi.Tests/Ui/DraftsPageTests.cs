using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Playwright;

namespace GitOps.WebhookApi.Tests.Ui;

/// <summary>The Drafts pages end to end: create and abandon a draft, edit a source inside another one, read its plan, be
/// refused for a missing approval, approve, publish, and see the commit land on the tracked branch.</summary>
public sealed class DraftsPageTests
{
    private const string Bob = "bob";

    [Fact]
    public async Task ADraft_EditedInTheUi_ShowsItsPlan_NeedsAnApproval_AndPublishesAsOneCommit()
    {
        var bobToken = $"ui-bob-{Guid.NewGuid():N}";
        await using var ui = await UiFixture.StartAsync(new Dictionary<string, string?>
        {
            ["GitOps__Drafts__RequiredApprovals"] = "1",
            ["GitOps__Auth__Tokens__1__Name"] = Bob,
            ["GitOps__Auth__Tokens__1__Role"] = "operator",
            ["GitOps__Auth__Tokens__1__Sha256"] = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(bobToken))),
        });
        var (source, _) = (await ui.SourcesAsync("models")).First(s => s.Enabled);
        var page = ui.Browser.Page;

        // Create a draft in the UI: it opens and becomes the working draft; abandon it again.
        await ui.OpenAsync("#/drafts");
        await page.FillAsync("#draft-title", "Scratch work");
        await page.ClickAsync("#draft-create button[type=submit]");
        await Assertions.Expect(page.Locator("h1")).ToContainTextAsync("Scratch work");
        await Assertions.Expect(page.Locator("#working-draft option:checked")).ToHaveTextAsync("Draft: Scratch work");
        await page.ClickAsync("#draft-abandon");
        await page.ClickAsync("#confirm-ok");
        await Assertions.Expect(page.Locator("#draft-state-badge")).ToHaveTextAsync("Abandoned");
        await Assertions.Expect(page.Locator("#working-draft")).ToHaveValueAsync("");

        // Bob opens a draft; Alice edits a source inside it through the usual form.
        using var bob = new HttpClient { BaseAddress = new Uri(ui.Service.BaseAddress, "api/v1/") };
        bob.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", bobToken);
        using var created = await bob.PostAsJsonAsync("drafts", new { title = "Switch a model source off" });
        Assert.Equal(System.Net.HttpStatusCode.Created, created.StatusCode);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        var trackedBefore = await ui.HeadAsync();
        await page.ReloadAsync();
        await page.Locator("#working-draft").SelectOptionAsync(id);
        await Assertions.Expect(page.Locator("#draft-note")).ToContainTextAsync($"changes go to draft {id}");
        await page.GotoAsync(new Uri(ui.Service.BaseAddress, $"/#/plugins/models/sources/{source}").ToString());
        await page.Locator("#f-enabled").UncheckAsync();
        await page.ClickAsync("form.edit button[type=submit]");
        await Assertions.Expect(page.Locator("#toast")).ToContainTextAsync("Saved as a new commit");
        await Assertions.Expect(page.Locator("#f-enabled")).Not.ToBeCheckedAsync(); // the page re-reads the draft's head
        var draft = await ui.GetJsonAsync($"drafts/{id}");
        Assert.Equal(1, draft.GetProperty("commits").GetArrayLength());
        Assert.Equal(trackedBefore, await ui.HeadAsync());
        Assert.Contains((await ui.SourcesAsync("models")), s => s.Id == source && s.Enabled);

        // The plan: the field before → after and the entity counts as bars.
        await page.GotoAsync(new Uri(ui.Service.BaseAddress, $"/#/drafts/{id}").ToString());
        await Assertions.Expect(page.Locator(".draft-commits li")).ToHaveCountAsync(1);
        var field = page.Locator($".plan-source[data-source='{source}'] tr[data-field='enabled']");
        await Assertions.Expect(field.Locator("td.before")).ToHaveTextAsync("true");
        await Assertions.Expect(field.Locator("td.after")).ToHaveTextAsync("false");
        await Assertions.Expect(page.Locator($".plan-source[data-source='{source}'] .entity-text")).ToContainTextAsync("→ 0 (-");
        await Assertions.Expect(page.Locator($".plan-source[data-source='{source}'] .bar.after")).ToHaveCountAsync(1);

        // Publishing without the approval is refused with the reason; Alice (not the author) approves; then it lands.
        await page.ClickAsync("#draft-publish");
        await page.ClickAsync("#confirm-ok");
        await Assertions.Expect(page.Locator("#draft-error")).ToContainTextAsync("1 more approval(s) needed");
        Assert.Equal(trackedBefore, await ui.HeadAsync());
        await page.ClickAsync("#draft-approve");
        await Assertions.Expect(page.Locator("#draft-approvals")).ToHaveTextAsync("1 of 1 required");
        await page.ClickAsync("#draft-publish");
        await page.ClickAsync("#confirm-ok");
        await Assertions.Expect(page.Locator("#draft-state-badge")).ToHaveTextAsync("Published");

        var head = await ui.HeadAsync();
        await Assertions.Expect(page.Locator("#draft-published")).ToHaveTextAsync(head[..8]);
        var commit = await ui.GetJsonAsync($"history/{head}");
        Assert.Equal("Switch a model source off", commit.GetProperty("summary").GetString());
        Assert.Contains($"Draft: {id}", commit.GetProperty("message").GetString());
        Assert.Contains($"Approved-By: {UiFixture.User}", commit.GetProperty("message").GetString());
        Assert.Contains((await ui.SourcesAsync("models")), s => s.Id == source && !s.Enabled);
        Assert.Empty(ui.Browser.UnexpectedConsoleErrors);
    }
}
