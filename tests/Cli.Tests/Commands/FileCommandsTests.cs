using System.Text.Json.Nodes;
using GitOps.TestSupport.Hosting;

namespace GitOps.Cli.Tests.Commands;

[Collection(ServerCollection.Name)]
public sealed class FileCommandsTests(ServerFixture fixture)
{
    [Fact]
    public async Task FilesGet_WritesTheRawYamlToStandardOutput()
    {
        var expected = await File.ReadAllTextAsync(Path.Combine(RepositoryRoot.ExamplesRepo, "plugins", "models", "organization-models.yaml"));

        var result = await fixture.RunAsync("files", "get", "models", "organization-models.yaml");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(expected, result.Out);
    }

    [Fact]
    public async Task FilesGet_WithOutFile_WritesTheFile()
    {
        using var output = new TempDirectory("gitops-cli-output");
        var target = Path.Combine(output.Path, "sources.yaml");

        var result = await fixture.RunAsync("files", "get", "models", "sources.yaml", "--out-file", target);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Empty(result.Out);
        Assert.Contains("plugin: models", await File.ReadAllTextAsync(target));
    }

    [Fact]
    public async Task FilesGet_WithOutputJson_PrintsTheFileAsJsonAndWritesNoFileNamedJson()
    {
        var strayFile = Path.Combine(Directory.GetCurrentDirectory(), "json");
        Assert.False(File.Exists(strayFile));

        var result = await fixture.RunAsync("files", "get", "models", "organization-models.yaml", "-o", "json");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.False(File.Exists(strayFile));
        var document = JsonNode.Parse(result.Out)!;
        Assert.NotEmpty(document["models"]!.AsArray());
    }

    [Theory]
    [InlineData("a/b.yaml")]
    [InlineData("..\\x.yaml")]
    public async Task FilesGet_WithASlashInTheName_NamesItAsTypedNotUrlEncoded(string name)
    {
        var result = await fixture.RunAsync("files", "get", "models", name);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"'{name}' is not a file name in a plugin folder", result.Error);
        Assert.DoesNotContain("%2F", result.Error, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("%5C", result.Error, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task FilesPutThenList_ThenDelete_RoundTripsAFile()
    {
        var plugin = await fixture.CreatePluginWithSourceAsync();
        using var input = new TempDirectory("gitops-cli-input");
        var local = Path.Combine(input.Path, "extra.yaml");
        await File.WriteAllTextAsync(local, "source: Extra\nmodels:\n  - name: extra-model\n");

        var put = await fixture.RunAsync("files", "put", plugin, "extra.yaml", "-f", local);
        Assert.True(put.ExitCode == 0, put.ToString());
        Assert.Equal(await File.ReadAllTextAsync(local), (await fixture.RunAsync("files", "get", plugin, "extra.yaml")).Out);
        var list = await fixture.RunAsync("files", "list", plugin, "-o", "json");
        Assert.Contains("extra.yaml", PluginCommandsTests.Items(JsonNode.Parse(list.Out)).Select(f => f["name"]!.GetValue<string>()));

        var delete = await fixture.RunAsync("files", "delete", plugin, "extra.yaml");
        Assert.True(delete.ExitCode == 0, delete.ToString());
        Assert.Equal(1, (await fixture.RunAsync("files", "get", plugin, "extra.yaml")).ExitCode);
    }

    [Fact]
    public async Task FilesPut_BrokenCatalogReferencedByASource_ExitsOneWithTheValidatorsErrors()
    {
        var plugin = await fixture.CreatePluginWithSourceAsync();
        using var input = new TempDirectory("gitops-cli-input");
        var local = Path.Combine(input.Path, "team-models.yaml");
        await File.WriteAllTextAsync(local, "models: [\n");

        var result = await fixture.RunAsync("files", "put", plugin, "team-models.yaml", "-f", local);

        Assert.Equal(1, result.ExitCode);
        Assert.Matches($@"(?m)^  plugins/{plugin}/team-models\.yaml:\d+:\d+: ", result.Error);
        Assert.Equal(TestDocuments.Catalog, (await fixture.RunAsync("files", "get", plugin, "team-models.yaml")).Out);
    }
}
