using System.Text.Json.Nodes;

namespace GitOps.Cli.Tests.Drafts;

/// <summary><c>gitops draft …</c> and <c>--draft</c> against the real service: a change made inside a draft stays off the
/// tracked branch until the draft is published as one commit.</summary>
[Collection(ServerCollection.Name)]
public sealed class DraftCommandsTests(ServerFixture fixture)
{
    [Fact]
    public async Task ADraft_CollectsAChange_ShowsItsPlan_AndPublishesItAsOneCommit()
    {
        var plugin = await fixture.CreatePluginWithSourceAsync();
        var id = $"d-{Guid.NewGuid():N}"[..12];
        var created = await fixture.RunAsync("draft", "create", "--title", "Switch team models off", "--name", id);
        Assert.True(created.ExitCode == 0, created.ToString());
        Assert.Contains($"created draft {id}: branch drafts/{id}", created.Out);

        var disable = await fixture.RunAsync("sources", "disable", plugin, "team_models", "--draft", id);

        Assert.True(disable.ExitCode == 0, disable.ToString());
        Assert.Contains($"disabled source {plugin}/team_models in draft {id}", disable.Out);
        Assert.True(await EnabledAsync(plugin), "a change inside a draft must not reach the tracked branch");
        var show = await fixture.RunAsync("draft", "show", id);
        Assert.Matches($@"(?m)^  [0-9a-f]{{12}}  {plugin}: disable source team_models", show.Out);
        Assert.Contains($"Plugins:   {plugin}", show.Out);
        var plan = await fixture.RunAsync("draft", "plan", id);
        Assert.True(plan.ExitCode == 0, plan.ToString());
        Assert.Contains($"~ plugin {plugin}  entities 2 → 0 (-2)", plan.Out);
        Assert.Contains("  ~ source team_models  entities 2 → 0 (-2)", plan.Out);
        Assert.Contains("      enabled: true → false", plan.Out);

        var publish = await fixture.RunAsync("draft", "publish", id, "-o", "json");

        Assert.True(publish.ExitCode == 0, publish.ToString());
        var commit = JsonNode.Parse(publish.Out)!["commit"]!.GetValue<string>();
        Assert.False(await EnabledAsync(plugin));
        var latest = JsonNode.Parse((await fixture.RunAsync("history", "--plugin", plugin, "--limit", "1", "-o", "json")).Out)!.AsArray()[0]!;
        Assert.Equal(commit, latest["sha"]!.GetValue<string>());
        Assert.Equal("Switch team models off", latest["summary"]!.GetValue<string>());
        Assert.Contains($"Draft: {id}", latest["message"]!.GetValue<string>());
        var listed = await fixture.RunAsync("draft", "list", "--state", "published");
        Assert.Matches($@"(?m)^{id}\s+Published\s+Switch team models off", listed.Out);
    }

    [Fact]
    public async Task ClosedAndOwnDrafts_AreRefusedWithTheReason_AndNothingIsWritten()
    {
        var plugin = await fixture.CreatePluginWithSourceAsync();
        var id = $"d-{Guid.NewGuid():N}"[..12];
        Assert.Equal(0, (await fixture.RunAsync("draft", "create", "--title", "Own draft", "--name", id)).ExitCode);

        var approve = await fixture.RunAsync("draft", "approve", id);
        var abandon = await fixture.RunAsync("draft", "abandon", id);
        var edit = await fixture.RunAsync("sources", "disable", plugin, "team_models", "--draft", id);
        var publish = await fixture.RunAsync("draft", "publish", id);
        var missing = await fixture.RunAsync("sources", "disable", plugin, "team_models", "--draft", "no-such-draft");

        Assert.Equal(3, approve.ExitCode);
        Assert.Contains("the author of a draft cannot approve it", approve.Error);
        Assert.DoesNotContain("token's role", approve.Error);
        Assert.True(abandon.ExitCode == 0, abandon.ToString());
        Assert.Contains($"its branch is kept as archive/drafts/{id}", abandon.Out);
        Assert.Equal(1, edit.ExitCode);
        Assert.Contains("Draft closed", edit.Error);
        Assert.Equal(1, publish.ExitCode);
        Assert.Contains("Draft closed", publish.Error);
        Assert.Equal(1, missing.ExitCode);
        Assert.Contains("There is no draft 'no-such-draft'", missing.Error);
        Assert.True(await EnabledAsync(plugin));
    }

    [Fact]
    public async Task AChangeOnAStaleDraftHead_ExitsTwoNamingTheDraft()
    {
        var plugin = await fixture.CreatePluginWithSourceAsync();
        var id = $"d-{Guid.NewGuid():N}"[..12];
        var created = JsonNode.Parse((await fixture.RunAsync("draft", "create", "--title", "Stale", "--name", id, "-o", "json")).Out)!;
        var start = created["head"]!.GetValue<string>();
        Assert.Equal(0, (await fixture.RunAsync("sources", "disable", plugin, "team_models", "--draft", id)).ExitCode);

        var stale = await fixture.RunAsync("sources", "enable", plugin, "team_models", "--draft", id, "--if-match", start);

        Assert.Equal(2, stale.ExitCode);
        Assert.Contains($"draft {id} changed since it was read", stale.Error);
    }

    [Fact]
    public async Task Plan_OfLocalFiles_ShowsTheFieldChange_AndAnInvalidFileExitsOne()
    {
        var plugin = await fixture.CreatePluginWithSourceAsync();
        using var root = new GitOps.TestSupport.Hosting.TempDirectory("gitops-cli-plan");
        var folder = Directory.CreateDirectory(Path.Combine(root.Path, "plugins", plugin)).FullName;
        var sources = (await fixture.RunAsync("files", "get", plugin, "sources.yaml")).Out;
        var file = Path.Combine(folder, "sources.yaml");
        Assert.Contains("    type: yaml\n", sources); // enabled: true is the default the server leaves out
        await File.WriteAllTextAsync(file, sources.Replace("    type: yaml\n", "    type: yaml\n    enabled: false\n", StringComparison.Ordinal));

        var plan = await fixture.RunAsync("plan", "-f", file, "--root", root.Path);
        var deleted = await fixture.RunAsync("plan", "--root", root.Path, "--delete", $"plugins/{plugin}/team-models.yaml");

        Assert.True(plan.ExitCode == 0, plan.ToString());
        Assert.Contains("Plan: base ", plan.Out);
        Assert.Matches(@"(?m)^      enabled: (true|\(none\)) → false$", plan.Out);
        Assert.Contains("  ~ source team_models  entities 2 → 0 (-2)", plan.Out);
        Assert.Equal(1, deleted.ExitCode);
        Assert.Contains("NOT VALID", deleted.Out);
        Assert.Contains($"plugins/{plugin}/sources.yaml:", deleted.Out);
        Assert.True(await EnabledAsync(plugin), "a plan writes nothing");
    }

    private async Task<bool> EnabledAsync(string plugin)
    {
        var source = await fixture.RunAsync("sources", "get", plugin, "team_models", "-o", "json");
        Assert.True(source.ExitCode == 0, source.ToString());
        return JsonNode.Parse(source.Out)!["enabled"]!.GetValue<bool>();
    }
}
