using System.Text.Json.Nodes;

namespace GitOps.Cli.Tests.Commands;

[Collection(ServerCollection.Name)]
public sealed class RollbackCommandTests(ServerFixture fixture)
{
    [Fact]
    public async Task Rollback_ToTheCommitBeforeADisable_EnablesTheSourceAgainInOneCommit()
    {
        var plugin = await fixture.CreatePluginWithSourceAsync();
        var before = await LatestShaAsync(plugin);
        Assert.Equal(0, (await fixture.RunAsync("sources", "disable", plugin, "team_models")).ExitCode);

        var result = await fixture.RunAsync("rollback", plugin, before[..10], "--reason", "the disable broke the UI");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains($"rolled {plugin} back to {before[..12]}", result.Out);
        var source = JsonNode.Parse((await fixture.RunAsync("sources", "get", plugin, "team_models", "-o", "json")).Out)!;
        Assert.True(source["enabled"]!.GetValue<bool>());
        var history = JsonNode.Parse((await fixture.RunAsync("history", "--plugin", plugin, "--limit", "1", "-o", "json")).Out);
        var latest = PluginCommandsTests.Items(history).Single();
        Assert.Equal($"{plugin}: roll back to {before[..7]}", latest["summary"]!.GetValue<string>());
        Assert.Equal(before, latest["trailers"]!["Rolled-Back-To"]!.GetValue<string>());
    }

    [Fact]
    public async Task Rollback_ToACommitWithoutThePlugin_FailsNamingTheProblem()
    {
        var plugin = await fixture.CreatePluginWithSourceAsync();
        var history = JsonNode.Parse((await fixture.RunAsync("history", "--plugin", plugin, "-o", "json")).Out);
        var created = PluginCommandsTests.Items(history).Last()["parents"]![0]!.GetValue<string>(); // the commit before the plugin existed

        var result = await fixture.RunAsync("rollback", plugin, created);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains($"plugin '{plugin}' did not exist at commit {created}", result.Error);
    }

    [Fact]
    public async Task Rollback_WithSomethingThatIsNotASha_SaysSoWithoutCallingTheServer()
    {
        var result = await fixture.RunAsync("rollback", "models", "HEAD~1");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("'HEAD~1' is not a commit sha", result.Error);
    }

    private async Task<string> LatestShaAsync(string plugin)
    {
        var history = await fixture.RunAsync("history", "--plugin", plugin, "--limit", "1", "-o", "json");
        return PluginCommandsTests.Items(JsonNode.Parse(history.Out)).Single()["sha"]!.GetValue<string>();
    }
}
