using System.Collections.Immutable;
using System.Text;
using GitOps.Reconciler.Configuration;

namespace GitOps.Reconciler.Tests.Configuration;

public sealed class SourcesYamlWriterTests
{
    private static IReadOnlyDictionary<string, object?> Map(params (string Key, object? Value)[] entries)
    {
        var map = new OrderedDictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (key, value) in entries) map[key] = value;
        return map;
    }

    private static SourcesDocument Tricky() => new(
        "models",
        Map(("pageSize", 50L), ("ratio", 0.25), ("whole", 3.0), ("big", 1e21), ("negative", -12L), ("flag", false), ("nothing", null),
            ("refresh", Map(("interval", "10m"), ("onStartup", true), ("windows", new object?[] { 1L, "two", 3.5, null, Map(("deep", "x")) }))),
            ("emptyMap", Map()), ("emptyList", Array.Empty<object?>()), ("inf", double.NegativeInfinity)),
        [
            new SourceConfig("org", "Organization AI", "yaml", true, ["Organization AI", "true", "123"],
                Map(("yamlCatalogPath", "org.yaml"), ("note", "multi\nline\n  indented\n"), ("quoted", "null"), ("number", "42"),
                    ("spaces", "  padded  "), ("colon", "a: b # not a comment"), ("date", "2025-01-01"), ("empty", ""),
                    ("unicode", "modèle ✓"), ("hash", "#start"), ("dash", "- item")),
                ["granite-*"], ["*-preview", "*"]),
            new SourceConfig("b.2", "Second", "http", false, [], FreeForm.EmptyMap, [], []),
        ]);

    [Fact]
    public void Write_ThenParse_GivesTheSameDocumentFieldByField()
    {
        var original = Tricky();
        var written = SourcesYamlWriter.Write(original);
        var parsed = SourcesFileParser.Parse("plugins/models/sources.yaml", written, YamlLimits.Default);
        var reread = Assert.IsType<SourcesParseResult.Parsed>(parsed).Document;

        Assert.Equal(original.Plugin, reread.Plugin);
        AssertSameValue(original.Config, reread.Config);
        Assert.Equal(original.Sources.Length, reread.Sources.Length);
        foreach (var (expected, actual) in original.Sources.Zip(reread.Sources))
        {
            Assert.Equal((expected.Id, expected.Name, expected.Type, expected.Enabled), (actual.Id, actual.Name, actual.Type, actual.Enabled));
            Assert.Equal<string>(expected.Labels, actual.Labels);
            Assert.Equal<string>(expected.Include, actual.Include);
            Assert.Equal<string>(expected.Exclude, actual.Exclude);
            AssertSameValue(expected.Properties, actual.Properties);
            Assert.Equal(SourcesYamlWriter.CanonicalJson(expected), SourcesYamlWriter.CanonicalJson(actual));
        }
    }

    [Fact]
    public void Write_TwiceThroughParse_IsStable()
    {
        var once = SourcesYamlWriter.Write(Tricky());
        var twice = SourcesYamlWriter.Write(((SourcesParseResult.Parsed)SourcesFileParser.Parse("plugins/models/sources.yaml", once, YamlLimits.Default)).Document);
        Assert.Equal(Encoding.UTF8.GetString(once), Encoding.UTF8.GetString(twice));
    }

    [Fact]
    public void Write_UsesTheV1LayoutOfTheDesign()
    {
        var document = new SourcesDocument("models", Map(("pageSize", 50L)),
            [new SourceConfig("org", "Org", "yaml", true, ["Organization AI"], Map(("yamlCatalogPath", "org.yaml")), ["granite-*"], [])]);
        Assert.Equal("""
            apiVersion: gitops/v1
            plugin: models
            config:
              pageSize: 50
            sources:
              - id: org
                name: Org
                type: yaml
                enabled: true
                labels: [Organization AI]
                properties:
                  yamlCatalogPath: org.yaml
                include: [granite-*]

            """.Replace("\r\n", "\n", StringComparison.Ordinal), Encoding.UTF8.GetString(SourcesYamlWriter.Write(document)));
    }

    [Fact]
    public void Write_WithNoSources_WritesAnEmptyList()
    {
        var text = Encoding.UTF8.GetString(SourcesYamlWriter.Write(new SourcesDocument("mcp", FreeForm.EmptyMap, ImmutableArray<SourceConfig>.Empty)));
        Assert.Equal("apiVersion: gitops/v1\nplugin: mcp\nsources: []\n", text);
    }

    private static void AssertSameValue(object? expected, object? actual)
    {
        switch (expected)
        {
            case IReadOnlyDictionary<string, object?> map:
                var other = Assert.IsAssignableFrom<IReadOnlyDictionary<string, object?>>(actual);
                Assert.Equal(map.Keys, other.Keys);
                foreach (var (key, value) in map) AssertSameValue(value, other[key]);
                break;
            case string s:
                Assert.Equal(s, Assert.IsType<string>(actual));
                break;
            case System.Collections.IEnumerable list:
                var items = Assert.IsAssignableFrom<System.Collections.IEnumerable>(actual).Cast<object?>().ToList();
                var expectedItems = list.Cast<object?>().ToList();
                Assert.Equal(expectedItems.Count, items.Count);
                for (var i = 0; i < items.Count; i++) AssertSameValue(expectedItems[i], items[i]);
                break;
            default:
                Assert.Equal(expected, actual);
                if (expected is not null) Assert.IsType(expected.GetType(), actual);
                break;
        }
    }
}
