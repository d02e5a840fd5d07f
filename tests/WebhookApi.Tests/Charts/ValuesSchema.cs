using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace GitOps.WebhookApi.Tests.Charts;

/// <summary>Checks values against values.schema.json with the JSON Schema keywords the chart's schema uses (type,
/// properties, additionalProperties, required, enum, pattern, min/maxLength, minimum, maximum, items), as Helm does
/// before rendering. Values are read from YAML with YAML 1.2 core scalar typing, as Helm reads them.</summary>
internal sealed class ValuesSchema(JsonElement root)
{
    public static ValuesSchema Load(string path) => new(JsonDocument.Parse(File.ReadAllText(path)).RootElement.Clone());

    public static object? ReadYaml(string path) => ParseYaml(File.ReadAllText(path));

    public static object? ParseYaml(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        return stream.Documents.Count == 0 ? null : Convert(stream.Documents[0].RootNode);
    }

    /// <summary>Overlays <paramref name="overlay"/> on <paramref name="values"/> like Helm merges values files.</summary>
    public static object? Merge(object? values, object? overlay)
    {
        if (values is not Dictionary<string, object?> baseMap || overlay is not Dictionary<string, object?> overlayMap) return overlay;
        var merged = new Dictionary<string, object?>(baseMap);
        foreach (var (key, value) in overlayMap)
            merged[key] = merged.TryGetValue(key, out var existing) ? Merge(existing, value) : value;
        return merged;
    }

    /// <summary>Errors as <c>path: message</c>; empty when the values are valid.</summary>
    public IReadOnlyList<string> Validate(object? values)
    {
        var errors = new List<string>();
        Check(root, values, "", errors);
        return errors;
    }

    private static void Check(JsonElement schema, object? value, string path, List<string> errors)
    {
        var name = path.Length == 0 ? "(root)" : path;
        if (schema.TryGetProperty("type", out var type) && !TypeMatches(type, value))
        {
            errors.Add($"{name}: expected {type.GetRawText()}, got {TypeOf(value)}");
            return;
        }
        if (schema.TryGetProperty("enum", out var options) && !options.EnumerateArray().Any(o => o.ToString() == value?.ToString()))
            errors.Add($"{name}: {value} is not one of {options.GetRawText()}");
        if (value is string text)
        {
            if (schema.TryGetProperty("pattern", out var pattern) && !Regex.IsMatch(text, pattern.GetString()!))
                errors.Add($"{name}: '{text}' does not match {pattern.GetString()}");
            if (schema.TryGetProperty("minLength", out var min) && text.Length < min.GetInt32()) errors.Add($"{name}: shorter than {min}");
            if (schema.TryGetProperty("maxLength", out var max) && text.Length > max.GetInt32()) errors.Add($"{name}: longer than {max}");
        }
        if (value is long number)
        {
            if (schema.TryGetProperty("minimum", out var min) && number < min.GetInt64()) errors.Add($"{name}: below {min}");
            if (schema.TryGetProperty("maximum", out var max) && number > max.GetInt64()) errors.Add($"{name}: above {max}");
        }
        if (value is List<object?> items && schema.TryGetProperty("items", out var itemSchema))
            for (var i = 0; i < items.Count; i++) Check(itemSchema, items[i], $"{path}[{i}]", errors);
        if (value is Dictionary<string, object?> map) CheckObject(schema, map, path, errors);
    }

    private static void CheckObject(JsonElement schema, Dictionary<string, object?> map, string path, List<string> errors)
    {
        var prefix = path.Length == 0 ? "" : path + ".";
        if (schema.TryGetProperty("required", out var required))
            foreach (var key in required.EnumerateArray().Select(k => k.GetString()!).Where(k => !map.ContainsKey(k)))
                errors.Add($"{prefix}{key}: required");
        var properties = schema.TryGetProperty("properties", out var p) ? p : default;
        foreach (var (key, child) in map)
        {
            if (properties.ValueKind == JsonValueKind.Object && properties.TryGetProperty(key, out var childSchema))
                Check(childSchema, child, prefix + key, errors);
            else if (schema.TryGetProperty("additionalProperties", out var additional))
            {
                if (additional.ValueKind == JsonValueKind.False) errors.Add($"{prefix}{key}: not allowed (unknown value)");
                else if (additional.ValueKind == JsonValueKind.Object) Check(additional, child, prefix + key, errors);
            }
        }
    }

    private static bool TypeMatches(JsonElement type, object? value) =>
        type.ValueKind == JsonValueKind.Array ? type.EnumerateArray().Any(t => t.GetString() == TypeOf(value) || (t.GetString() == "number" && value is long or double))
        : type.GetString() == TypeOf(value) || (type.GetString() == "number" && value is long or double);

    private static string TypeOf(object? value) => value switch
    {
        null => "null",
        string => "string",
        bool => "boolean",
        long => "integer",
        double => "number",
        List<object?> => "array",
        _ => "object",
    };

    private static object? Convert(YamlNode node) => node switch
    {
        YamlMappingNode m => m.Children.ToDictionary(c => ((YamlScalarNode)c.Key).Value!, c => Convert(c.Value)),
        YamlSequenceNode s => s.Children.Select(Convert).ToList(),
        YamlScalarNode { Style: ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted or ScalarStyle.Literal or ScalarStyle.Folded } q => q.Value,
        YamlScalarNode scalar => Plain(scalar.Value ?? ""),
        _ => throw new NotSupportedException(node.GetType().Name),
    };

    private static object? Plain(string text) => text switch
    {
        "" or "~" or "null" or "Null" or "NULL" => null,
        "true" or "True" or "TRUE" => true,
        "false" or "False" or "FALSE" => false,
        _ when long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l) => l,
        _ when Regex.IsMatch(text, @"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$") => double.Parse(text, CultureInfo.InvariantCulture),
        _ => text,
    };
}
