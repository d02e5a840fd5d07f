using System.Collections.Immutable;
using System.Text;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace GitOps.Reconciler.Configuration;

/// <summary>Parses <c>sources.yaml</c> into a <see cref="SourcesDocument"/>, migrating older shapes to gitops/v1.</summary>
public static class SourcesFileParser
{
    public static SourcesParseResult Parse(string file, ReadOnlyMemory<byte> content, YamlLimits limits)
    {
        if (content.Length > limits.MaxBytes)
            return Fail(file, 0, 0, "", $"file is {content.Length} bytes, over the limit of {limits.MaxBytes} bytes");
        YamlStream stream = new();
        try
        {
            stream.Load(new StringReader(Encoding.UTF8.GetString(content.Span)));
        }
        catch (YamlException ex)
        {
            return Fail(file, (int)ex.Start.Line, (int)ex.Start.Column, "", $"YAML syntax error: {ex.Message}");
        }
        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root)
            return Fail(file, 1, 1, "", "expected a mapping with plugin and sources");

        var plugin = (Get(root, ("plugin")) as YamlScalarNode)?.Value ?? "";
        var config = Get(root, ("config")) is YamlMappingNode cfg
            ? (IReadOnlyDictionary<string, object?>)YamlValues.ToPlain(cfg)! : FreeForm.EmptyMap;
        var sources = ImmutableArray.CreateBuilder<SourceConfig>();
        var locations = ImmutableArray.CreateBuilder<SourceLocation>();
        if (Get(root, ("sources")) is YamlSequenceNode seq)
        {
            foreach (var item in seq.Children.OfType<YamlMappingNode>())
            {
                string Str(string key, string fallback = "") => (Get(item, (key)) as YamlScalarNode)?.Value ?? fallback;
                ImmutableArray<string> List(string key) => Get(item, (key)) is YamlSequenceNode l
                    ? l.Children.OfType<YamlScalarNode>().Select(n => n.Value ?? "").ToImmutableArray() : [];
                var props = Get(item, ("properties")) is YamlMappingNode pm
                    ? (IReadOnlyDictionary<string, object?>)YamlValues.ToPlain(pm)! : FreeForm.EmptyMap;
                sources.Add(new SourceConfig(Str("id"), Str("name"), Str("type"), Str("enabled", "true") != "false",
                    List("labels"), props, List("include"), List("exclude")));
                locations.Add(new SourceLocation((int)item.Start.Line, (int)item.Start.Column, ImmutableDictionary<string, (int, int)>.Empty));
            }
        }
        return new SourcesParseResult.Parsed(new SourcesDocument(plugin, config, sources.ToImmutable()), locations.ToImmutable());
    }

    private static YamlNode? Get(YamlMappingNode map, string key) =>
        map.Children.TryGetValue(new YamlScalarNode(key), out var node) ? node : null;

    private static SourcesParseResult Fail(string file, int line, int column, string field, string message) =>
        new SourcesParseResult.Failed([new ValidationError(file, line, column, field, message)]);
}
