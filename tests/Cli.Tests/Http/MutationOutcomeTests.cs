using System.Text.Json.Nodes;

namespace GitOps.Cli.Tests.Http;

/// <summary>What a change command says when the change wrote nothing, could never apply, or was guarded by an
/// abbreviated head: never "done", never "head moved from X to X".</summary>
[Collection(ServerCollection.Name)]
public sealed class MutationOutcomeTests(ServerFixture fixture)
{
    [Fact]
    public async Task Disable_AnAlreadyDisabledSource_SaysNothingToChangeAndExitsFive()
    {
        var plugin = await fixture.CreatePluginWithSourceAsync();
        Assert.Equal(0, (await fixture.RunAsync("sources", "disable", plugin, "team_models")).ExitCode);
        var head = await HeadAsync();

        var again = await fixture.RunAsync("sources", "disable", plugin, "team_models");
        var json = await fixture.RunAsync("sources", "disable", plugin, "team_models", "-o", "json");

        Assert.True(again.ExitCode == 5, again.ToString());
        Assert.Equal($"nothing to change: source {plugin}/team_models is already disabled; no commit was written (head {head[..12]})", again.Out.TrimEnd());
        Assert.DoesNotContain("disabled source", again.Out);
        Assert.Equal(5, json.ExitCode);
        Assert.False(JsonNode.Parse(json.Out)!["changed"]!.GetValue<bool>());
        Assert.Equal(head, await HeadAsync());
    }

    [Fact]
    public async Task FilesPut_TheSameContent_SaysNothingToChange()
    {
        var plugin = await fixture.CreatePluginWithSourceAsync();
        var local = Path.Combine(Path.GetTempPath(), $"gitops-cli-same-{Guid.NewGuid():N}.yaml");
        await File.WriteAllTextAsync(local, TestDocuments.Catalog);

        var result = await fixture.RunAsync("files", "put", plugin, "team-models.yaml", "-f", local, "--if-match", "*");
        File.Delete(local);

        Assert.True(result.ExitCode == 5, result.ToString());
        Assert.StartsWith($"nothing to change: {plugin}/team-models.yaml already has this content", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Revert_WhenLaterCommitsChangedItsFiles_ExitsOneAndSaysARerunWillNotHelp()
    {
        var plugin = await fixture.CreatePluginWithSourceAsync();
        Assert.Equal(0, (await fixture.RunAsync("sources", "disable", plugin, "team_models")).ExitCode);
        var disabling = await HeadAsync();
        var config = Path.Combine(Path.GetTempPath(), $"gitops-cli-config-{Guid.NewGuid():N}.yaml");
        await File.WriteAllTextAsync(config, "owner: team\n");
        Assert.Equal(0, (await fixture.RunAsync("plugins", "config", "set", plugin, "-f", config)).ExitCode); // same file, other lines
        File.Delete(config);
        var head = await HeadAsync();

        var result = await fixture.RunAsync("revert", disabling);

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains($"cannot revert {disabling[..12]}: changed since by later commits: plugins/{plugin}/sources.yaml", result.Error);
        Assert.Contains("re-running the same command will not help", result.Error);
        Assert.DoesNotContain("head moved", result.Error);
        Assert.Equal(head, await HeadAsync());
    }

    [Fact]
    public async Task Revert_TwiceInARow_SecondSaysNothingToChange()
    {
        var plugin = await fixture.CreatePluginWithSourceAsync();
        Assert.Equal(0, (await fixture.RunAsync("sources", "disable", plugin, "team_models")).ExitCode);
        var disabling = await HeadAsync();
        Assert.Equal(0, (await fixture.RunAsync("revert", disabling)).ExitCode);

        var again = await fixture.RunAsync("revert", disabling);

        Assert.True(again.ExitCode == 5, again.ToString());
        Assert.StartsWith($"nothing to change: the changes of {disabling[..12]} are already undone", again.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Disable_WithAnAbbreviatedIfMatchOfTheCurrentHead_Applies()
    {
        var plugin = await fixture.CreatePluginWithSourceAsync();
        var head = await HeadAsync();

        var result = await fixture.RunAsync("sources", "disable", plugin, "team_models", "--if-match", head[..12]);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.NotEqual(head, await HeadAsync());
        Assert.False(JsonNode.Parse((await fixture.RunAsync("sources", "get", plugin, "team_models", "-o", "json")).Out)!["enabled"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Disable_WithAnAbbreviatedStaleIfMatch_NamesTwoDifferentHeads()
    {
        var plugin = await fixture.CreatePluginWithSourceAsync();
        var stale = await HeadAsync();
        Assert.Equal(0, (await fixture.RunAsync("sources", "disable", plugin, "team_models")).ExitCode);
        var current = await HeadAsync();

        var result = await fixture.RunAsync("sources", "enable", plugin, "team_models", "--if-match", stale[..12]);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"head moved from {stale[..12]} to {current[..12]}", result.Error);
    }

    [Theory]
    [InlineData("xyz", "is not a commit sha (4 to 40 hex characters) or '*'")]
    [InlineData("00000000000000000000000000000000000001", "no commit has this sha")]
    public async Task Disable_WithAnIfMatchThatNamesNoCommit_ExitsOneSayingSo(string ifMatch, string message)
    {
        var plugin = await fixture.CreatePluginWithSourceAsync();
        var head = await HeadAsync();

        var result = await fixture.RunAsync("sources", "disable", plugin, "team_models", "--if-match", ifMatch);

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains(message, result.Error);
        Assert.Equal(head, await HeadAsync());
    }

    private async Task<string> HeadAsync() =>
        JsonNode.Parse((await fixture.RunAsync("status", "-o", "json")).Out)!["head"]!.GetValue<string>();
}
