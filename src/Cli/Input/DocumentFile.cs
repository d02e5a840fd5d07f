using ScalarResolver = GitOps.Reconciler.Configuration.Yaml.ScalarResolver;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace GitOps.Cli.Input;

/// <summary>Reads a JSON or YAML document (one source, a config block) into JSON for the API.
/// Plain YAML scalars follow the YAML 1.2 core schema, as the server reads sources.yaml.</summary>
internal static class DocumentFile
{
    /// <summary>The parsed document, or an error message naming the file and, for YAML, the line and column.</summary>
    public static DocumentResult Read(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return new DocumentResult.Failed($"cannot read {path}: {ex.Message}");
        }
        var trimmed = text.TrimStart();
        if (path.EndsWith(".json", StringComparison.OrdinalIgnoreCase) || trimmed.StartsWith('{') || trimmed.StartsWith('['))
        {
            try
            {
                return JsonNode.Parse(text) is { } node
                    ? new DocumentResult.Parsed(node)
                    : new DocumentResult.Failed($"{path}: the document is empty");
            }
            catch (JsonException ex)
            {
                return new DocumentResult.Failed($"{path}:{(ex.LineNumber ?? 0) + 1}:{(ex.BytePositionInLine ?? 0) + 1}: {ex.Message}");
            }
        }
        try
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(text));
            if (stream.Documents.Count == 0) return new DocumentResult.Failed($"{path}: the document is empty");
            return ToJson(stream.Documents[0].RootNode) is { } root
                ? new DocumentResult.Parsed(root)
                : new DocumentResult.Failed($"{path}: the document is empty");
        }
        catch (YamlException ex)
        {
            return new DocumentResult.Failed($"{path}:{ex.Start.Line}:{ex.Start.Column}: {ex.Message}");
        }
    }

    private static JsonNode? ToJson(YamlNode node) => node switch
    {
        YamlMappingNode map => new JsonObject(map.Children.Select(p =>
            KeyValuePair.Create((p.Key as YamlScalarNode)?.Value ?? p.Key.ToString(), ToJson(p.Value)))),
        YamlSequenceNode sequence => new JsonArray(sequence.Children.Select(ToJson).ToArray()),
        YamlScalarNode scalar => Scalar(scalar),
        _ => null,
    };

    /// <summary>The server's own scalar rules (YAML 1.2 core schema, explicit tags honoured). JSON has no
    /// infinity or NaN, so <c>.inf</c>/<c>.nan</c> travel as their text.</summary>
    private static JsonNode? Scalar(YamlScalarNode scalar)
    {
        var text = scalar.Value ?? "";
        return ScalarResolver.Resolve(text, scalar.Style, scalar.Tag.IsEmpty ? "" : scalar.Tag.Value) switch
        {
            null => null,
            bool b => JsonValue.Create(b),
            long l => JsonValue.Create(l),
            double d when double.IsFinite(d) => JsonValue.Create(d),
            double => JsonValue.Create(text),
            var other => JsonValue.Create(other.ToString()),
        };
    }
}

/// <summary>The outcome of reading an input document.</summary>
internal abstract record DocumentResult
{
    private DocumentResult() { }

    public sealed record Parsed(JsonNode Document) : DocumentResult;

    public sealed record Failed(string Message) : DocumentResult;
}
