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

    private static JsonNode? Scalar(YamlScalarNode scalar)
    {
        var text = scalar.Value ?? "";
        if (scalar.Style != ScalarStyle.Plain) return JsonValue.Create(text);
        return text switch
        {
            "" or "~" or "null" or "Null" or "NULL" => null,
            "true" or "True" or "TRUE" => JsonValue.Create(true),
            "false" or "False" or "FALSE" => JsonValue.Create(false),
            _ when long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l) => JsonValue.Create(l),
            _ when double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) => JsonValue.Create(d),
            _ => JsonValue.Create(text),
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
