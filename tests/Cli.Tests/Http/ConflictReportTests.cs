using System.Text.Json.Nodes;

namespace GitOps.Cli.Tests.Http;

[Collection(ServerCollection.Name)]
public sealed class ConflictReportTests(ServerFixture fixture)
{
    [Fact]
    public async Task Disable_AfterTheHeadMoved_ExitsTwoAndSaysWhatChanged()
    {
        var plugin = await fixture.CreatePluginWithSourceAsync();
        var staleHead = await HeadAsync();
        var moved = await fixture.RunAsync("plugins", "config", "set", plugin, "-f", await ConfigFileAsync());
        Assert.True(moved.ExitCode == 0, moved.ToString());
        var currentHead = await HeadAsync();

        var result = await fixture.RunAsync("sources", "disable", plugin, "team_models", "--if-match", staleHead);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(
            $"error: the configuration changed since it was read: head moved from {staleHead[..12]} to {currentHead[..12]}; re-run to apply on the new head",
            result.Error);
        Assert.Matches($@"(?m)^latest commit: {currentHead[..12]} ", result.Error);
        Assert.Equal(currentHead, await HeadAsync());
        var source = JsonNode.Parse((await fixture.RunAsync("sources", "get", plugin, "team_models", "-o", "json")).Out)!;
        Assert.True(source["enabled"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Disable_WhenAnotherCommitLandsBetweenTheReadAndTheWrite_ExitsTwoAndWritesNothing()
    {
        var plugin = await fixture.CreatePluginWithSourceAsync();
        await using var proxy = new CommittingProxy(fixture.Server.BaseAddress, async upstream =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Put, new Uri($"api/v1/plugins/{plugin}/config", UriKind.Relative))
            {
                Content = new StringContent("""{ "concurrent": true }""", System.Text.Encoding.UTF8, "application/json"),
            };
            request.Headers.TryAddWithoutValidation("Authorization", $"Bearer {fixture.Server.AdminToken}");
            request.Headers.TryAddWithoutValidation("If-Match", "*");
            using var response = await upstream.SendAsync(request);
            Assert.True(response.IsSuccessStatusCode, $"the concurrent commit failed: {(int)response.StatusCode}");
        });
        var environment = CliRun.Environment(fixture.Server);
        environment["GITOPS_SERVER"] = proxy.Address.ToString();

        var result = await CliRun.RunAsync(environment, "sources", "disable", plugin, "team_models");

        Assert.True(proxy.Fired);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("error: the configuration changed since it was read: head moved from ", result.Error);
        var source = JsonNode.Parse((await fixture.RunAsync("sources", "get", plugin, "team_models", "-o", "json")).Out)!;
        Assert.True(source["enabled"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Disable_WithIfMatchStar_AppliesOnTheCurrentHead()
    {
        var plugin = await fixture.CreatePluginWithSourceAsync();
        var before = await HeadAsync();

        var result = await fixture.RunAsync("sources", "disable", plugin, "team_models", "--if-match", "*", "-o", "json");

        Assert.True(result.ExitCode == 0, result.ToString());
        var after = await HeadAsync();
        Assert.NotEqual(before, after);
        Assert.Equal(after, JsonNode.Parse(result.Out)!["head"]!.GetValue<string>());
        var history = await fixture.RunAsync("history", "--plugin", plugin, "--limit", "1", "-o", "json");
        var latest = JsonNode.Parse(history.Out)!.AsArray().Single()!;
        Assert.Equal(after, latest["sha"]!.GetValue<string>());
        Assert.Equal(before, latest["parents"]!.AsArray().Single()!.GetValue<string>()); // one commit, on the head that was current
        var source = JsonNode.Parse((await fixture.RunAsync("sources", "get", plugin, "team_models", "-o", "json")).Out)!;
        Assert.False(source["enabled"]!.GetValue<bool>());
    }

    private async Task<string> HeadAsync() =>
        JsonNode.Parse((await fixture.RunAsync("status", "-o", "json")).Out)!["head"]!.GetValue<string>();

    private static async Task<string> ConfigFileAsync()
    {
        var file = Path.Combine(Path.GetTempPath(), $"gitops-cli-config-{Guid.NewGuid():N}.yaml");
        await File.WriteAllTextAsync(file, $"moved: {Guid.NewGuid():N}\n");
        return file;
    }
}
