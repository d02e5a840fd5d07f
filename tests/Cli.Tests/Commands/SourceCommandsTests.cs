using System.Text.Json.Nodes;
using GitOps.TestSupport.Hosting;

namespace GitOps.Cli.Tests.Commands;

[Collection(ServerCollection.Name)]
public sealed class SourceCommandsTests(ServerFixture fixture)
{
    [Fact]
    public async Task SourcesList_Table_ShowsIdNameTypeEnabledStateEntities()
    {
        var result = await fixture.RunAsync("sources", "list", "models");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Matches(@"(?m)^ID\s+NAME\s+TYPE\s+ENABLED\s+STATE\s+ENTITIES$", result.Out);
        Assert.Matches(@"(?m)^organization_ai_models\s+Organization AI Models\s+yaml\s+true\b", result.Out);
    }

    [Fact]
    public async Task SourcesGet_Json_PrintsTheSourceWithStatus()
    {
        var result = await fixture.RunAsync("sources", "get", "models", "organization_ai_models", "-o", "json");

        Assert.True(result.ExitCode == 0, result.ToString());
        var source = JsonNode.Parse(result.Out)!;
        Assert.Equal("organization_ai_models", source["id"]!.GetValue<string>());
        Assert.Equal("organization-models.yaml", source["properties"]!["yamlCatalogPath"]!.GetValue<string>());
        Assert.NotNull(source["status"]);
    }

    [Fact]
    public async Task SourcesAdd_FromYaml_IsListedAndEnabled()
    {
        var plugin = await fixture.CreatePluginWithSourceAsync("added_source");

        var result = await fixture.RunAsync("sources", "get", plugin, "added_source", "-o", "yaml");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Matches(@"(?m)^enabled: true$", result.Out);
        Assert.Matches(@"(?m)^type: yaml$", result.Out);
    }

    [Fact]
    public async Task SourcesDisableThenEnable_TogglesEnabled()
    {
        var plugin = await fixture.CreatePluginWithSourceAsync();

        var disabled = await fixture.RunAsync("sources", "disable", plugin, "team_models", "--reason", "maintenance window");
        Assert.True(disabled.ExitCode == 0, disabled.ToString());
        Assert.Contains($"disabled source {plugin}/team_models", disabled.Out);
        Assert.False(await EnabledAsync(plugin, "team_models"));

        var enabled = await fixture.RunAsync("sources", "enable", plugin, "team_models");
        Assert.True(enabled.ExitCode == 0, enabled.ToString());
        Assert.True(await EnabledAsync(plugin, "team_models"));
    }

    [Fact]
    public async Task SourcesUpdate_FromJsonFile_ReplacesTheSource()
    {
        var plugin = await fixture.CreatePluginWithSourceAsync();
        using var input = new TempDirectory("gitops-cli-input");
        var file = Path.Combine(input.Path, "source.json");
        await File.WriteAllTextAsync(file, """
            { "name": "Renamed models", "type": "yaml", "enabled": true,
              "properties": { "yamlCatalogPath": "team-models.yaml" }, "include": ["team-*"] }
            """);

        var result = await fixture.RunAsync("sources", "update", plugin, "team_models", "-f", file);

        Assert.True(result.ExitCode == 0, result.ToString());
        var source = JsonNode.Parse((await fixture.RunAsync("sources", "get", plugin, "team_models", "-o", "json")).Out)!;
        Assert.Equal("Renamed models", source["name"]!.GetValue<string>());
        Assert.Equal("team-*", source["include"]![0]!.GetValue<string>());
    }

    [Fact]
    public async Task SourcesDelete_RemovesTheSource()
    {
        var plugin = await fixture.CreatePluginWithSourceAsync();

        var result = await fixture.RunAsync("sources", "delete", plugin, "team_models");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(1, (await fixture.RunAsync("sources", "get", plugin, "team_models")).ExitCode);
    }

    [Fact]
    public async Task SourcesAdd_ReferringToMissingFile_ExitsOneAndPrintsValidationErrorWithFileAndLine()
    {
        var plugin = await fixture.CreatePluginWithSourceAsync();
        using var input = new TempDirectory("gitops-cli-input");
        var file = Path.Combine(input.Path, "source.yaml");
        await File.WriteAllTextAsync(file, TestDocuments.Source("broken", "missing.yaml"));
        var before = await HeadAsync();

        var result = await fixture.RunAsync("sources", "add", plugin, "-f", file);

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith("error: ", result.Error, StringComparison.Ordinal);
        Assert.Matches($@"(?m)^  plugins/{plugin}/sources\.yaml:\d+:\d+: .*missing\.yaml", result.Error);
        Assert.Equal(before, await HeadAsync());
    }

    [Fact]
    public async Task SourcesAdd_UnreadableFile_ExitsOneWithoutCallingTheServer()
    {
        using var server = new ListeningSocket();
        var environment = CliRun.Environment(fixture.Server);
        environment["GITOPS_SERVER"] = server.Address.ToString();

        var result = await CliRun.RunAsync(environment, "sources", "add", "models", "-f", "/nonexistent/source.yaml", "--timeout", "5");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("cannot read /nonexistent/source.yaml", result.Error);
        Assert.False(server.WasCalled, "the CLI connected to the server");
    }

    [Fact]
    public async Task SourcesAdd_BillionLaughsFile_IsRefusedAtTheAliasLimitWithoutCallingTheServer()
    {
        using var server = new ListeningSocket();
        var environment = CliRun.Environment(fixture.Server);
        environment["GITOPS_SERVER"] = server.Address.ToString();
        var file = Path.Combine(Path.GetTempPath(), $"gitops-cli-laughs-{Guid.NewGuid():N}.yaml");
        await File.WriteAllTextAsync(file, TestDocuments.BillionLaughs);

        var result = await CliRun.RunAsync(environment, "sources", "add", "models", "-f", file, "--timeout", "5");
        File.Delete(file);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("alias-expansion limit", result.Error);
        Assert.False(server.WasCalled, "the CLI connected to the server");
    }

    [Theory]
    [InlineData("a/b")]
    [InlineData("a b")]
    public async Task SourcesGet_WithAnIdNoSourceCanHave_NamesItAsTyped(string id)
    {
        var result = await fixture.RunAsync("sources", "get", "models", id);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"'{id}' is not a source id", result.Error);
        Assert.DoesNotContain("%2F", result.Error, StringComparison.OrdinalIgnoreCase);
    }

    private async Task<bool> EnabledAsync(string plugin, string id)
    {
        var result = await fixture.RunAsync("sources", "get", plugin, id, "-o", "json");
        Assert.True(result.ExitCode == 0, result.ToString());
        return JsonNode.Parse(result.Out)!["enabled"]!.GetValue<bool>();
    }

    [Fact]
    public async Task SourcesTest_ExistingSource_PrintsStateAndCountAndWritesNothing()
    {
        var before = await HeadAsync();

        var result = await fixture.RunAsync("sources", "test", "models", "organization_ai_models");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Matches(@"(?m)^dry run: Ready, \d+ entities; nothing was written$", result.Out);
        Assert.Equal(before, await HeadAsync());
    }

    [Fact]
    public async Task SourcesTest_SourceWithoutAType_PrintsTheFieldErrorLikeAWriteAndExitsOne()
    {
        using var input = new TempDirectory("gitops-cli-input");
        var file = Path.Combine(input.Path, "source.json");
        await File.WriteAllTextAsync(file, """{"name":"No type","properties":{"yamlCatalogPath":"x.yaml"}}""");

        var result = await fixture.RunAsync("sources", "test", "models", "-f", file);

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith("error: Validation failed", result.Error, StringComparison.Ordinal);
        Assert.Matches(@"(?m)^  request body:0:0: type: 'type' is required", result.Error);
    }

    [Fact]
    public async Task SourcesTest_WithNeitherFileNorId_ExitsOneSayingWhatIsMissing()
    {
        var result = await fixture.RunAsync("sources", "test", "models");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("give the source to test with -f", result.Error, StringComparison.Ordinal);
    }

    private async Task<string> HeadAsync() =>
        JsonNode.Parse((await fixture.RunAsync("status", "-o", "json")).Out)!["head"]!.GetValue<string>();
}
