using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Json.Schema;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace GitOps.WebhookApi.Tests.Charts;

/// <summary>The chart's values as Helm sees them (YAML read with YAML 1.2 core scalar typing, files overlaid as Helm
/// merges them), checked against <c>values.schema.json</c> by a real JSON Schema implementation (JsonSchema.Net), as
/// Helm checks them before rendering.</summary>
internal static partial class ChartValues
{
    // Built once: JsonSchema.Net registers a schema under its file URI and refuses to register it twice.
    private static readonly Lazy<JsonSchema> Schema = new(() => JsonSchema.FromFile(Path.Combine(ChartRenderer.ChartDirectory, "values.schema.json")));

    public static JsonSchema LoadSchema() => Schema.Value;

    public static JsonNode? ReadYaml(string path) => ParseYaml(File.ReadAllText(path));

    public static JsonNode? ParseYaml(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        return stream.Documents.Count == 0 ? null : Convert(stream.Documents[0].RootNode);
    }

    /// <summary>Overlays <paramref name="overlay"/> on <paramref name="values"/> like Helm merges values files.</summary>
    public static JsonNode? Merge(JsonNode? values, JsonNode? overlay)
    {
        if (values is not JsonObject baseMap || overlay is not JsonObject overlayMap) return overlay?.DeepClone();
        var merged = (JsonObject)baseMap.DeepClone();
        foreach (var (key, value) in overlayMap)
            merged[key] = merged[key] is { } existing ? Merge(existing, value) : value?.DeepClone();
        return merged;
    }

    /// <summary>Every failure of the evaluation as <c>path: message</c> (<c>auth.tokens[0].role: …</c>); empty when valid.</summary>
    public static IReadOnlyList<string> Validate(JsonSchema schema, JsonNode? values)
    {
        var instance = JsonSerializer.SerializeToElement(values);
        var results = schema.Evaluate(instance, new EvaluationOptions { OutputFormat = OutputFormat.List });
        if (results.IsValid) return [];
        return [.. (results.Details ?? [results])
            .Where(d => !d.IsValid && d.Errors is { Count: > 0 })
            .SelectMany(d => d.Errors!.Select(e => $"{DottedPath(d.InstanceLocation.ToString())}: {e.Key}: {e.Value}"))];
    }

    /// <summary><c>/auth/tokens/0/role</c> → <c>auth.tokens[0].role</c>; the root is <c>(root)</c>.</summary>
    private static string DottedPath(string pointer)
    {
        var path = "";
        foreach (var segment in pointer.Split('/', StringSplitOptions.RemoveEmptyEntries).Select(s => s.Replace("~1", "/").Replace("~0", "~")))
            path += Index().IsMatch(segment) ? $"[{segment}]" : path.Length == 0 ? segment : "." + segment;
        return path.Length == 0 ? "(root)" : path;
    }

    private static JsonNode? Convert(YamlNode node) => node switch
    {
        YamlMappingNode m => new JsonObject(m.Children.Select(c => KeyValuePair.Create(((YamlScalarNode)c.Key).Value!, Convert(c.Value)))),
        YamlSequenceNode s => new JsonArray([.. s.Children.Select(Convert)]),
        YamlScalarNode { Style: ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted or ScalarStyle.Literal or ScalarStyle.Folded } q => JsonValue.Create(q.Value),
        YamlScalarNode scalar => Plain(scalar.Value ?? ""),
        _ => throw new NotSupportedException(node.GetType().Name),
    };

    private static JsonNode? Plain(string text) => text switch
    {
        "" or "~" or "null" or "Null" or "NULL" => null,
        "true" or "True" or "TRUE" => JsonValue.Create(true),
        "false" or "False" or "FALSE" => JsonValue.Create(false),
        _ when long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l) => JsonValue.Create(l),
        _ when Float().IsMatch(text) => JsonValue.Create(double.Parse(text, CultureInfo.InvariantCulture)),
        _ => JsonValue.Create(text),
    };

    [GeneratedRegex("^[0-9]+$")]
    private static partial Regex Index();

    [GeneratedRegex(@"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$")]
    private static partial Regex Float();
}
