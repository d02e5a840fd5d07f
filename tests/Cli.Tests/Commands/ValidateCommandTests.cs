using System.Collections;
using System.Text.Json.Nodes;
using GitOps.TestSupport.Hosting;

namespace GitOps.Cli.Tests.Commands;

public sealed class ValidateCommandTests
{
    [Fact]
    public async Task Validate_ExamplesRepo_ExitsZeroWithSummary()
    {
        var result = await CliRun.RunAsync(new Hashtable(), "validate", RepositoryRoot.ExamplesRepo);

        Assert.True(result.ExitCode == 0, result.ToString());
        var plugins = Directory.GetDirectories(Path.Combine(RepositoryRoot.ExamplesRepo, "plugins")).Length;
        Assert.Matches($@"(?m)^valid: {plugins} plugins, \d+ sources, snapshot hash [0-9a-f]{{64}}$", result.Out);
        Assert.Matches(@"(?m)^models\s+\d+\s+\d+\s+\d+\s+[0-9a-f]{64}$", result.Out);
    }

    [Fact]
    public async Task Validate_BrokenCopy_ExitsOneWithFileLineColumnFieldAndMessage()
    {
        using var copy = CopyOfExamples();
        var sources = Path.Combine(copy.Path, "plugins", "models", "sources.yaml");
        await File.WriteAllTextAsync(sources, (await File.ReadAllTextAsync(sources)).Replace("yamlCatalogPath: organization-models.yaml", "yamlCatalogPath: missing.yaml", StringComparison.Ordinal));

        var result = await CliRun.RunAsync(new Hashtable(), "validate", copy.Path);

        Assert.Equal(1, result.ExitCode);
        Assert.Matches(@"(?m)^plugins/models/sources\.yaml:\d+:\d+: sources\[0\]\.properties(\.yamlCatalogPath)?: .*missing\.yaml", result.Out);
        Assert.Contains("invalid: 1 error", result.Error);
    }

    [Fact]
    public async Task Validate_BrokenYamlWithJsonOutput_ListsErrorsWithLines()
    {
        using var copy = CopyOfExamples();
        await File.WriteAllTextAsync(Path.Combine(copy.Path, "plugins", "mcp", "sources.yaml"), "apiVersion: gitops/v1\nplugin: mcp\nsources: [\n");

        var result = await CliRun.RunAsync(new Hashtable(), "validate", copy.Path, "-o", "json");

        Assert.Equal(1, result.ExitCode);
        var document = JsonNode.Parse(result.Out)!;
        Assert.False(document["valid"]!.GetValue<bool>());
        var error = document["errors"]!.AsArray().Single()!;
        Assert.Equal("plugins/mcp/sources.yaml", error["file"]!.GetValue<string>());
        Assert.True(error["line"]!.GetValue<int>() > 0);
    }

    [Fact]
    public async Task Validate_FilesWithSeveralErrors_ReportsEveryErrorOfEveryFile()
    {
        using var copy = CopyOfExamples();
        await File.WriteAllTextAsync(Path.Combine(copy.Path, "plugins", "models", "sources.yaml"), """
            apiVersion: gitops/v1
            plugin: models
            sources:
              - id: a
                name: A
                type: yaml
                enabled: maybe
                properties:
                  yamlCatalogPath: organization-models.yaml
              - id: b
                name: B
                type: nosuchtype
              - id: c
                type: yaml
                properties:
                  yamlCatalogPath: missing.yaml
            """);
        await File.WriteAllTextAsync(Path.Combine(copy.Path, "plugins", "mcp", "sources.yaml"), "apiVersion: gitops/v1\nplugin: other\nsources: []\n");

        var result = await CliRun.RunAsync(new Hashtable(), "validate", copy.Path);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("plugins/models/sources.yaml:7:14: sources[0].enabled: expected true or false", result.Out);
        Assert.Contains("sources[1].type: unknown type 'nosuchtype'", result.Out);
        Assert.Contains("sources[2].name: is required", result.Out);
        Assert.Contains("sources[2].properties.yamlCatalogPath: file 'missing.yaml' not found", result.Out);
        Assert.Contains("plugins/mcp/sources.yaml:2:9: plugin: plugin 'other' does not match its folder name 'mcp'", result.Out);
        Assert.Contains("invalid: 5 errors", result.Error);
    }

    [Fact]
    public async Task Validate_DirectoryWithoutPlugins_ExitsOneAndSaysWhy()
    {
        using var empty = new TempDirectory("gitops-cli-validate");

        var result = await CliRun.RunAsync(new Hashtable(), "validate", empty.Path);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("has no plugins/ folder", result.Error);
    }

    private static TempDirectory CopyOfExamples()
    {
        var copy = new TempDirectory("gitops-cli-validate");
        foreach (var file in Directory.EnumerateFiles(RepositoryRoot.ExamplesRepo, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(copy.Path, Path.GetRelativePath(RepositoryRoot.ExamplesRepo, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
        return copy;
    }
}
