using GitOps.Reconciler.Configuration;
using static GitOps.Reconciler.Tests.Configuration.ConfigFiles;

namespace GitOps.Reconciler.Tests.Configuration;

public sealed class SourcesValidatorTests
{
    private const string File = "plugins/models/sources.yaml";

    private static string Sources(string entries, string plugin = "models") => $"""
        apiVersion: gitops/v1
        plugin: {plugin}
        sources:
        {entries}
        """;

    private const string Good = """
          - id: org
            name: Organization
            type: yaml
            properties:
              yamlCatalogPath: org.yaml
        """;

    [Fact]
    public void Build_WithPluginNameNotMatchingFolder_NamesThePluginField()
    {
        var error = Assert.Single(Errors(Models(Sources(Good, plugin: "llms"))));
        AssertError(error, File, 2, 9, "plugin", "plugin 'llms' does not match its folder name 'models'");
    }

    [Fact]
    public void Build_WithDuplicateSourceId_PointsAtTheSecondId()
    {
        var error = Assert.Single(Errors(Models(Sources(Good + "\n" + Good))));
        AssertError(error, File, 9, 9, "sources[1].id", "duplicate source id 'org' (first used at line 4)");
    }

    [Theory]
    [InlineData("bad id")]
    [InlineData("../org")]
    [InlineData("org/x")]
    public void Build_WithBadIdCharacters_ReportsTheAllowedPattern(string id)
    {
        var error = Assert.Single(Errors(Models(Sources(Good.Replace("id: org", $"id: \"{id}\"", StringComparison.Ordinal)))));
        AssertError(error, File, 4, 9, "sources[0].id", "must match [A-Za-z0-9_.-]{1,128}");
    }

    [Fact]
    public void Build_WithIdOver128Characters_IsRefused()
    {
        var error = Assert.Single(Errors(Models(Sources(Good.Replace("id: org", $"id: {new string('a', 129)}", StringComparison.Ordinal)))));
        AssertError(error, File, 4, 9, "sources[0].id", "must match");
    }

    [Fact]
    public void Build_WithMissingName_SaysNameIsRequired()
    {
        var error = Assert.Single(Errors(Models(Sources(Good.Replace("    name: Organization\n", "", StringComparison.Ordinal)))));
        AssertError(error, File, 4, 5, "sources[0].name", "is required");
    }

    [Fact]
    public void Build_WithEmptyType_SaysTypeIsRequired()
    {
        var error = Assert.Single(Errors(Models(Sources(Good.Replace("type: yaml", "type: \"\"", StringComparison.Ordinal)))));
        AssertError(error, File, 6, 11, "sources[0].type", "is required");
    }

    [Fact]
    public void Build_WithUnknownType_ListsTheKnownTypes()
    {
        var error = Assert.Single(Errors(Models(Sources(Good.Replace("type: yaml", "type: rhec", StringComparison.Ordinal)))));
        AssertError(error, File, 6, 11, "sources[0].type", "unknown type 'rhec'; known types: http, yaml");
    }

    [Fact]
    public void Build_WithKnownTypesFromTheConstructor_AcceptsThem()
    {
        var builder = new SnapshotBuilder(YamlLimits.Default, ["yaml", "rhec"]);
        var snapshot = Valid(Models(Sources(Good + "\n  - {id: rh, name: Red Hat, type: rhec}")), builder);
        Assert.Equal("rhec", snapshot.Plugins["models"].Sources[1].Type);
        AssertError(Assert.Single(Errors(Models(Sources(Good.Replace("type: yaml", "type: http", StringComparison.Ordinal))), builder)),
            File, 6, 11, "sources[0].type", "known types: rhec, yaml");
    }

    [Theory]
    [InlineData("/etc/passwd", "absolute paths are not allowed")]
    [InlineData("../other/org.yaml", "paths may not leave the plugin folder")]
    [InlineData("sub/../../x.yaml", "paths may not leave the plugin folder")]
    [InlineData("nested/org.yaml", "no subfolders")]
    public void Build_WithPathPropertyOutsideThePluginFolder_IsRefused(string path, string reason)
    {
        var error = Assert.Single(Errors(Models(Sources(Good.Replace("org.yaml", path, StringComparison.Ordinal)))));
        AssertError(error, File, 8, 24, "sources[0].properties.yamlCatalogPath", $"'{path}' is refused: {reason}");
    }

    [Fact]
    public void Build_WithMissingCatalogFile_NamesTheFileAndFolder()
    {
        var error = Assert.Single(Errors(Models(Sources(Good.Replace("org.yaml", "gone.yaml", StringComparison.Ordinal)))));
        AssertError(error, File, 8, 24, "sources[0].properties.yamlCatalogPath", "file 'gone.yaml' not found in plugins/models");
    }

    [Fact]
    public void Build_WithYamlSourceWithoutCatalogPath_SaysItIsRequired()
    {
        var error = Assert.Single(Errors(Models(Sources("  - {id: org, name: Org, type: yaml, properties: {other: 1}}"))));
        AssertError(error, File, 4, 50, "sources[0].properties.yamlCatalogPath", "is required for type yaml");
    }

    [Fact]
    public void Build_WithBrokenCatalog_ReportsTheCatalogFileAndLine()
    {
        const string broken = """
            source: Org
            models:
              - name: fine
              - provider: IBM
            """;
        var error = Assert.Single(Errors(Models(Sources(Good), ("org.yaml", broken))));
        AssertError(error, "plugins/models/org.yaml", 4, 5, "models[1].name", "every entity needs a name");
    }

    [Fact]
    public void Build_WithCatalogSyntaxError_ReportsTheCatalogFileLineAndColumn()
    {
        var error = Assert.Single(Errors(Models(Sources(Good), ("org.yaml", "models:\n  - name: a\n   bad: [\n"))));
        Assert.Equal("plugins/models/org.yaml", error.File);
        Assert.Equal(3, error.Line);
        Assert.StartsWith("YAML syntax error", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_WithSubfolderInPluginFolder_NamesTheSubfolder()
    {
        var tree = Models(Sources(Good));
        tree["plugins/models/extra/more.yaml"] = Bytes("models: []");
        var error = Assert.Single(Errors(tree));
        AssertError(error, "plugins/models/extra", 0, 0, "extra", "subfolders are not allowed in a plugin folder");
    }

    [Fact]
    public void Build_WithIncludeNotAListOfStrings_NamesTheItem()
    {
        var errors = Errors(Models(Sources(Good + "\n    include: granite-*\n    exclude: [ok, {a: b}]")));
        Assert.Equal(2, errors.Count);
        AssertError(errors[0], File, 9, 14, "sources[0].include", "expected a list of strings");
        AssertError(errors[1], File, 10, 19, "sources[0].exclude[1]", "expected a string");
    }

    [Fact]
    public void Build_WithSeveralProblems_ReportsAllOfThem()
    {
        var errors = Errors(Models(Sources(Good + "\n  - {id: org, name: Dup, type: nope}")));
        Assert.Equal(["sources[1].id", "sources[1].type"], errors.Select(e => e.Field));
    }

    [Fact]
    public void Build_WithPluginFolderNotADnsLabel_IsRefused()
    {
        var tree = Tree(("plugins/Models_X/sources.yaml", "apiVersion: gitops/v1\nplugin: Models_X\nsources: []"));
        var error = Assert.Single(Errors(tree));
        AssertError(error, "plugins/Models_X", 0, 0, "plugin", "is not a DNS label");
    }
}
