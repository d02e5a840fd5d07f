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
        Assert.Contains("Head:", result.Out);
        Assert.Matches(@"(?m)^PLUGIN\s+DESIRED\s+RUNNING\s+CONFIGMAP\s+DRIFT\s+ERROR$", result.Out);
        Assert.Matches(@"(?m)^models\s+[0-9a-f]{12}", result.Out);
    }

    [Fact]
    public async Task Status_Yaml_PrintsTheDocument()
    {
        var result = await fixture.RunAsync("status", "-o", "yaml");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Matches(@"(?m)^head: [0-9a-f]{40}$", result.Out);
        Assert.Matches(@"(?m)^plugins:$", result.Out);
    }
}
