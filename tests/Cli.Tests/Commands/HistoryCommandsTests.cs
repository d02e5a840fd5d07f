using System.Text.Json.Nodes;

namespace GitOps.Cli.Tests.Commands;

[Collection(ServerCollection.Name)]
public sealed class HistoryCommandsTests(ServerFixture fixture)
{
    [Fact]
    public async Task History_ForAPlugin_ListsItsCommitsNewestFirstWithTheReason()
    {
        var plugin = await fixture.CreatePluginWithSourceAsync();
        Assert.Equal(0, (await fixture.RunAsync("sources", "disable", plugin, "team_models", "--reason", "too noisy")).ExitCode);

        var json = await fixture.RunAsync("history", "--plugin", plugin, "--limit", "2", "-o", "json");
        var table = await fixture.RunAsync("history", "--plugin", plugin);

        Assert.True(json.ExitCode == 0, json.ToString());
        var entries = PluginCommandsTests.Items(JsonNode.Parse(json.Out)).ToList();
        Assert.Equal(2, entries.Count);
        Assert.Contains("disable", entries[0]["summary"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("too noisy", entries[0]["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Matches(@"(?m)^SHA\s+TIME\s+AUTHOR\s+SUMMARY\s+SIGNATURE\s+CHANGED$", table.Out);
        Assert.Contains("verified gitops-reconciler", table.Out); // the service signs what it writes
        Assert.True(entries[0]["signature"]!["verified"]!.GetValue<bool>());
        Assert.Contains(entries[0]["sha"]!.GetValue<string>()[..12], table.Out);
    }

    [Fact]
    public async Task Show_ACommit_PrintsHeaderMessageAndDiff()
    {
        var plugin = await fixture.CreatePluginWithSourceAsync();
        Assert.Equal(0, (await fixture.RunAsync("sources", "disable", plugin, "team_models")).ExitCode);
        var sha = await LatestShaAsync(plugin);

        var result = await fixture.RunAsync("show", sha);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.StartsWith($"commit {sha}", result.Out, StringComparison.Ordinal);
        Assert.Contains($"plugins/{plugin}/sources.yaml", result.Out);
        Assert.Matches(@"(?m)^\+.*enabled: false", result.Out);
    }

    [Fact]
    public async Task Revert_TheDisablingCommit_EnablesTheSourceAgain()
    {
        var plugin = await fixture.CreatePluginWithSourceAsync();
        Assert.Equal(0, (await fixture.RunAsync("sources", "disable", plugin, "team_models")).ExitCode);
        var sha = await LatestShaAsync(plugin);

        var result = await fixture.RunAsync("revert", sha, "--reason", "disabled by mistake");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains($"reverted {sha[..12]}", result.Out);
        var source = JsonNode.Parse((await fixture.RunAsync("sources", "get", plugin, "team_models", "-o", "json")).Out)!;
        Assert.True(source["enabled"]!.GetValue<bool>());
    }

    [Theory]
    [InlineData("abc", "--limit takes a whole number from 1 to 1000, not 'abc'")]
    [InlineData("0", "--limit takes a whole number from 1 to 1000, not '0'")]
    [InlineData("5000", "--limit takes a whole number from 1 to 1000, not '5000'")]
    public async Task History_WithALimitThatIsNotACount_NamesTheOptionNotADotNetType(string limit, string message)
    {
        var result = await fixture.RunAsync("history", "--limit", limit);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains(message, result.Error);
        Assert.DoesNotContain("System.", result.Error);
    }

    [Fact]
    public async Task History_WithSourceButNoPlugin_FindsTheSourcesCommitsInAnyPlugin()
    {
        var sourceId = $"only_{Guid.NewGuid():N}"[..20];
        var plugin = await fixture.CreatePluginWithSourceAsync(sourceId);
        Assert.Equal(0, (await fixture.RunAsync("sources", "disable", plugin, sourceId)).ExitCode);

        var result = await fixture.RunAsync("history", "--source", sourceId, "-o", "json");

        Assert.True(result.ExitCode == 0, result.ToString());
        var entries = PluginCommandsTests.Items(JsonNode.Parse(result.Out)).ToList();
        Assert.Equal(2, entries.Count); // added, then disabled
        Assert.All(entries, e => Assert.Contains(e["changedSources"]!.AsArray(), c => c!["source"]!.GetValue<string>() == sourceId));
    }

    [Fact]
    public async Task Show_WithSomethingThatIsNotASha_SaysSoWithoutCallingTheServer()
    {
        var result = await fixture.RunAsync("show", "HEAD~1");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("'HEAD~1' is not a commit sha", result.Error);
    }

    private async Task<string> LatestShaAsync(string plugin)
    {
        var history = await fixture.RunAsync("history", "--plugin", plugin, "--limit", "1", "-o", "json");
        return PluginCommandsTests.Items(JsonNode.Parse(history.Out)).Single()["sha"]!.GetValue<string>();
    }
}
