using System.Text.Json.Nodes;

namespace GitOps.Cli.Tests.Commands;

[Collection(ServerCollection.Name)]
public sealed class StatusCommandTests(ServerFixture fixture)
{
    [Fact]
    public async Task Status_Table_ShowsHeadModeAndAPluginRow()
    {
        var json = JsonNode.Parse((await fixture.RunAsync("status", "-o", "json")).Out)!;

        var result = await fixture.RunAsync("status");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Matches(@"^[0-9a-f]{40}$", json["head"]!.GetValue<string>());
        Assert.Matches($@"(?m)^Head:\s+{json["head"]!.GetValue<string>()}$", result.Out);
        Assert.Matches(@"(?m)^Mode:\s+ReadWrite\b", result.Out);
        Assert.Matches(@"(?m)^PLUGIN\s+DESIRED\s+RUNNING\s+CONFIGMAP\s+DRIFT\s+ERROR$", result.Out);
    }

    [Fact]
    public async Task Status_Yaml_PrintsTheDocument()
    {
        var result = await fixture.RunAsync("status", "-o", "yaml");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Matches(@"(?m)^head: [0-9a-f]{40}$", result.Out);
        Assert.Matches(@"(?m)^mode: ReadWrite$", result.Out);
    }
}
