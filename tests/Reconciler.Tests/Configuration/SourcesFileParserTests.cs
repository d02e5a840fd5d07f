using GitOps.Reconciler.Configuration;
using static GitOps.Reconciler.Tests.Configuration.ConfigFiles;

namespace GitOps.Reconciler.Tests.Configuration;

public sealed class SourcesFileParserTests
{
    private const string File = "plugins/models/sources.yaml";

    private static SourcesParseResult Parse(string yaml) => SourcesFileParser.Parse(File, Bytes(yaml), YamlLimits.Default);

    private static ValidationError SingleError(string yaml) =>
        Assert.Single(Assert.IsType<SourcesParseResult.Failed>(Parse(yaml)).Errors);

    [Fact]
    public void Parse_WithEveryField_ReadsThemAndTheirPositions()
    {
        const string yaml = """
            apiVersion: gitops/v1
            plugin: models
            config:
              pageSize: 50
              refresh: {interval: 10m, jitter: 0.5, onStartup: true}
            sources:
              - id: org
                name: Organization
                type: yaml
                enabled: false
                labels: [Organization AI, "2025"]
                properties:
                  yamlCatalogPath: org.yaml
                  retries: 3
                include: ["granite-*"]
                exclude: ["*-preview"]
            """;
        var parsed = Assert.IsType<SourcesParseResult.Parsed>(Parse(yaml));
        var document = parsed.Document;
        Assert.Null(document.MigratedFrom);
        Assert.Equal("models", document.Plugin);
        Assert.Equal(50L, document.Config["pageSize"]);
        var refresh = Assert.IsAssignableFrom<IReadOnlyDictionary<string, object?>>(document.Config["refresh"]);
        Assert.Equal(["interval", "jitter", "onStartup"], refresh.Keys);
        Assert.Equal(["10m", 0.5, true], refresh.Values);
        var source = Assert.Single(document.Sources);
        Assert.Equal(("org", "Organization", "yaml", false), (source.Id, source.Name, source.Type, source.Enabled));
        Assert.Equal(["Organization AI", "2025"], source.Labels.ToArray());
        Assert.Equal(["granite-*"], source.Include.ToArray());
        Assert.Equal(["*-preview"], source.Exclude.ToArray());
        Assert.Equal(3L, source.Properties["retries"]);
        Assert.Equal((2, 9), parsed.PositionOf("plugin"));
        var location = Assert.Single(parsed.Locations);
        Assert.Equal((7, 5), (location.Line, location.Column));
        Assert.Equal((10, 14), location.PositionOf("enabled"));
        Assert.Equal((13, 24), location.PositionOf("properties.yamlCatalogPath"));
        Assert.Equal((15, 15), location.PositionOf("include[0]"));
    }

    [Fact]
    public void Parse_WithEnabledNotABool_NamesTheField()
    {
        var error = SingleError("apiVersion: gitops/v1\nplugin: models\nsources:\n  - {id: a, name: A, type: yaml}\n  - {id: b, name: B, type: yaml}\n  - id: c\n    enabled: yes please\n");
        AssertError(error, File, 7, 14, "sources[2].enabled", "expected true or false");
    }

    [Fact]
    public void Parse_WithUnknownTopLevelField_NamesIt()
    {
        var error = SingleError("apiVersion: gitops/v1\nplugin: models\nsorces: []\n");
        AssertError(error, File, 3, 1, "sorces", "unknown field; expected one of apiVersion, plugin, config, sources");
    }

    [Fact]
    public void Parse_WithUnknownSourceField_NamesIt()
    {
        var error = SingleError("apiVersion: gitops/v1\nplugin: models\nsources:\n  - id: a\n    nmae: A\n");
        AssertError(error, File, 5, 5, "sources[0].nmae", "unknown field");
    }

    [Fact]
    public void Parse_WithOtherApiVersion_IsRefused()
    {
        var error = SingleError("apiVersion: gitops/v2\nplugin: models\nsources: []\n");
        AssertError(error, File, 1, 13, "apiVersion", "unsupported schema version 'gitops/v2'; expected gitops/v1");
    }

    [Fact]
    public void Parse_WithWrongShapes_ReportsEachField()
    {
        var errors = Assert.IsType<SourcesParseResult.Failed>(Parse("apiVersion: gitops/v1\nplugin: [models]\nconfig: 5\nsources: {a: 1}\n")).Errors;
        Assert.Equal(
            [("plugin", 2, 9, "expected a string"), ("config", 3, 9, "expected a mapping"), ("sources", 4, 10, "expected a list of sources")],
            errors.Select(e => (e.Field, e.Line, e.Column, e.Message)));
    }

    [Fact]
    public void Parse_WithSyntaxError_GivesLineAndColumn()
    {
        var error = SingleError("apiVersion: gitops/v1\nplugin: models\nsources:\n  - id: a\n    name: \"unterminated\n");
        Assert.Equal(File, error.File);
        Assert.Equal(5, error.Line);
        Assert.True(error.Column > 0);
        Assert.StartsWith("YAML syntax error", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_WithDuplicateKey_PointsAtTheSecond()
    {
        var error = SingleError("apiVersion: gitops/v1\nplugin: models\nplugin: mcp\n");
        AssertError(error, File, 3, 1, "plugin", "duplicate key 'plugin'");
    }

    [Fact]
    public void Parse_WithEmptyFile_SaysWhatIsExpected()
    {
        AssertError(SingleError(""), File, 1, 1, "", "expected a mapping with apiVersion, plugin and sources");
    }

    [Fact]
    public void Parse_WithQuotedScalars_KeepsThemStrings()
    {
        var parsed = Assert.IsType<SourcesParseResult.Parsed>(Parse("""
            apiVersion: gitops/v1
            plugin: models
            config: {a: "50", b: 'true', c: !!str 1.5, d: null, e: 0x1F, f: 2025-01-01, g: .inf, h: -7}
            """));
        Assert.Equal(["50", "true", "1.5", null, 31L, "2025-01-01", double.PositiveInfinity, -7L], parsed.Document.Config.Values);
        Assert.Empty(parsed.Document.Sources);
    }
}
