using System.Text.Json.Nodes;
using GitOps.TestSupport.Hosting;

namespace GitOps.Cli.Tests.Commands;

[Collection(ServerCollection.Name)]
public sealed class PluginCommandsTests(ServerFixture fixture)
{
    [Fact]
    public async Task PluginsList_Table_ShowsExamplePluginsInAlignedColumns()
    {
        var result = await fixture.RunAsync("plugins", "list");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Matches(@"(?m)^NAME\s+SOURCES\s+ENABLED\s+READY\s+ERROR\s+DRIFT$", result.Out);
        Assert.Matches(@"(?m)^models\s+\d+\s+\d+\s", result.Out);
        Assert.Matches(@"(?m)^mcp\s+\d+\s+\d+\s", result.Out);
    }

    [Fact]
    public async Task PluginsList_Json_PrintsTheServersDocument()
    {
        var result = await fixture.RunAsync("plugins", "list", "-o", "json");

        Assert.True(result.ExitCode == 0, result.ToString());
        var names = Items(JsonNode.Parse(result.Out)).Select(p => p["name"]!.GetValue<string>()).ToList();
        Assert.Contains("models", names);
        Assert.Contains("mcp", names);
    }

    [Fact]
    public async Task PluginsGet_Yaml_PrintsConfigBlockAndSources()
    {
        var result = await fixture.RunAsync("plugins", "get", "models", "-o", "yaml");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Matches(@"(?m)^name: models$", result.Out);
        Assert.Matches(@"(?m)^\s+pageSize: 50$", result.Out);
        Assert.Contains("organization_ai_models", result.Out);
    }

    [Fact]
    public async Task PluginsGet_Table_ShowsFieldsAndSourcesTable()
    {
        var result = await fixture.RunAsync("plugins", "get", "models");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Matches(@"(?m)^Name:\s+models$", result.Out);
        Assert.Matches(@"(?m)^ID\s+NAME\s+TYPE\s+ENABLED\s+STATE\s+ENTITIES$", result.Out);
        Assert.Matches(@"(?m)^organization_ai_models\s+Organization AI Models\s+yaml\s+true", result.Out);
    }

    [Fact]
    public async Task PluginsCreateThenDelete_AddsAndRemovesThePlugin()
    {
        var plugin = $"c-{Guid.NewGuid():N}"[..14];

        var created = await fixture.RunAsync("plugins", "create", plugin, "--reason", "a plugin for the CLI test");
        Assert.True(created.ExitCode == 0, created.ToString());
        Assert.Contains($"created plugin {plugin} (head ", created.Out);
        Assert.Equal(0, (await fixture.RunAsync("plugins", "get", plugin)).ExitCode);

        var deleted = await fixture.RunAsync("plugins", "delete", plugin);
        Assert.True(deleted.ExitCode == 0, deleted.ToString());
        var gone = await fixture.RunAsync("plugins", "get", plugin);
        Assert.Equal(1, gone.ExitCode);
        Assert.StartsWith("error: ", gone.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PluginsConfigSet_FromYamlFile_ReplacesTheConfigBlock()
    {
        var plugin = $"c-{Guid.NewGuid():N}"[..14];
        Assert.Equal(0, (await fixture.RunAsync("plugins", "create", plugin)).ExitCode);
        using var input = new TempDirectory("gitops-cli-input");
        var file = Path.Combine(input.Path, "config.yaml");
        await File.WriteAllTextAsync(file, "pageSize: 10\nlabels: [a, b]\n");

        var set = await fixture.RunAsync("plugins", "config", "set", plugin, "-f", file);

        Assert.True(set.ExitCode == 0, set.ToString());
        var get = await fixture.RunAsync("plugins", "get", plugin, "-o", "json");
        var config = JsonNode.Parse(get.Out)!["config"]!;
        Assert.Equal(10, config["pageSize"]!.GetValue<long>());
        Assert.Equal("b", config["labels"]![1]!.GetValue<string>());
    }

    [Fact]
    public async Task PluginsGet_Unknown_ExitsOneWithProblemTitle()
    {
        var result = await fixture.RunAsync("plugins", "get", "no-such-plugin");

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith("error: ", result.Error, StringComparison.Ordinal);
        Assert.Empty(result.Out);
    }

    internal static IEnumerable<JsonNode> Items(JsonNode? node) =>
        (node as JsonArray ?? node?["items"]?.AsArray() ?? []).Select(n => n!);
}
