using GitOps.TestSupport.Git;
using Microsoft.Playwright;

namespace GitOps.WebhookApi.Tests.Ui;

/// <summary>Signed commits in the browser: the history says who signed each commit and whether it verified; the status
/// page names the commit, the reason and the key when a head is refused.</summary>
public sealed class SignaturePageTests
{
    [Fact]
    public async Task StatusAndHistory_ShowTheRefusedUnsignedHead_AndTheServiceSignedCommits()
    {
        await using var ui = await UiFixture.StartAsync(new Dictionary<string, string?> { ["GitOps__Verification__Mode"] = "All" });
        var page = ui.Browser.Page;
        await ui.SetEnabledThroughApiAsync("models", (await ui.SourcesAsync("models")).First(s => s.Enabled).Id, false);
        await ui.OpenAsync("#/history");
        await Assertions.Expect(page.Locator("table.history tbody tr").First.Locator(".signature")).ToContainTextAsync("verified: gitops-reconciler");

        var unsigned = GitCli.CommitFile(Path.Combine(ui.DataDirectory, "repo.git"), "main", "plugins/models/extra.yaml", "models: []\n", "unsigned change");
        using (await ui.Http.PostAsync(new Uri("reconcile", UriKind.Relative), null)) { }
        for (var i = 0; i < 100 && (await ui.GetJsonAsync("status")).GetProperty("headError").ValueKind != System.Text.Json.JsonValueKind.Object; i++)
            await Task.Delay(100);

        await ui.OpenAsync("#/status");
        var failure = page.Locator("p.error[data-verification=unsigned]");
        await Assertions.Expect(failure).ToContainTextAsync(unsigned[..8]);
        await Assertions.Expect(failure).ToContainTextAsync("the commit is not signed");
        await Assertions.Expect(page.Locator(".facts")).ToContainTextAsync("All");
        Assert.Empty(ui.Browser.ConsoleErrors);
    }
}
