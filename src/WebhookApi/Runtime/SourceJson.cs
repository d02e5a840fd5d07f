using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Json.Nodes;
using GitOps.Reconciler.Configuration;

namespace GitOps.WebhookApi.Runtime;

/// <summary>The outcome of reading a source from a JSON body.</summary>
internal abstract record SourceJsonResult
{
    private SourceJsonResult() { }

    public sealed record Parsed(SourceConfig Source) : SourceJsonResult;

    public sealed record Invalid(string Message) : SourceJsonResult;
}

/// <summary>Source configs as JSON (the camelCase Source shape of the API) for the dry-run endpoints:
/// reading a body, writing an existing source, and JSON merge patch (RFC 7386) between the two.</summary>
internal static class SourceJson
{
    public const string DryRunId = "dry-run";

    public static JsonObject ToJson(SourceConfig source) => new()
    {
        ["id"] = source.Id,
        ["name"] = source.Name,
        ["type"] = source.Type,
        ["enabled"] = source.Enabled,
        ["labels"] = new JsonArray([.. source.Labels.Select(l => (JsonNode?)JsonValue.Create(l))]),
        ["properties"] = JsonSerializer.SerializeToNode(source.Properties, Http.ApiJson.Options),
        ["include"] = new JsonArray([.. source.Include.Select(l => (JsonNode?)JsonValue.Create(l))]),
        ["exclude"] = new JsonArray([.. source.Exclude.Select(l => (JsonNode?)JsonValue.Create(l))]),
    };

    /// <summary>RFC 7386: objects merge member by member, null removes a member, anything else replaces.</summary>
    public static JsonNode? MergePatch(JsonNode? target, JsonNode? patch)
    {
        if (patch is not JsonObject patchObject) return patch?.DeepClone();
        var result = target is JsonObject targetObject ? (JsonObject)targetObject.DeepClone() : [];
        foreach (var (name, value) in patchObject)
        {
            if (value is null) result.Remove(name);
            else result[name] = MergePatch(result[name], value);
        }
        return result;
    }

    public static SourceJsonResult Read(JsonNode? node)
    {
        if (node is not JsonObject body) return new SourceJsonResult.Invalid("the body must be a JSON object (a source)");
        if (!TryString(body, "type", required: true, out var type, out var error)) return error!;
        if (!TryString(body, "id", required: false, out var id, out error)) return error!;
        if (!TryString(body, "name", required: false, out var name, out error)) return error!;
        var enabled = true;
        if (body["enabled"] is { } enabledNode)
        {
            if (enabledNode.GetValueKind() is not (JsonValueKind.True or JsonValueKind.False))
                return new SourceJsonResult.Invalid("'enabled' must be true or false");
            enabled = enabledNode.GetValue<bool>();
        }
        if (!TryStrings(body, "labels", out var labels, out error)
            || !TryStrings(body, "include", out var include, out error)
            || !TryStrings(body, "exclude", out var exclude, out error)) return error!;
        IReadOnlyDictionary<string, object?> properties = FreeForm.EmptyMap;
        if (body["properties"] is { } propertiesNode)
        {
            if (propertiesNode is not JsonObject) return new SourceJsonResult.Invalid("'properties' must be an object");
            properties = (IReadOnlyDictionary<string, object?>)Plain(propertiesNode)!;
        }
        var sourceId = id ?? DryRunId;
        return new SourceJsonResult.Parsed(new SourceConfig(sourceId, name ?? sourceId, type!, enabled, labels, properties, include, exclude));
    }

    /// <summary>JSON → the plain values of <see cref="FreeForm"/>: integers as long, other numbers as double.</summary>
    private static object? Plain(JsonNode? node) => node switch
    {
        null => null,
        JsonObject obj => new System.Collections.ObjectModel.ReadOnlyDictionary<string, object?>(
            new OrderedDictionary<string, object?>(obj.Select(p => KeyValuePair.Create(p.Key, Plain(p.Value))), StringComparer.Ordinal)),
        JsonArray array => array.Select(Plain).ToList().AsReadOnly(),
        JsonValue value => value.GetValueKind() switch
        {
            JsonValueKind.String => value.GetValue<string>(),
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            JsonValueKind.Number when value.TryGetValue<long>(out var l) => l,
            JsonValueKind.Number => value.GetValue<double>(),
            _ => null,
        },
        _ => null,
    };

    private static bool TryString(JsonObject body, string field, bool required, out string? value, out SourceJsonResult? error)
    {
        value = null;
        error = null;
        var node = body[field];
        if (node is null)
        {
            if (required) error = new SourceJsonResult.Invalid($"'{field}' is required");
            return !required;
        }
        if (node.GetValueKind() != JsonValueKind.String || node.GetValue<string>().Length == 0)
        {
            error = new SourceJsonResult.Invalid($"'{field}' must be a non-empty string");
            return false;
        }
        value = node.GetValue<string>();
        return true;
    }

    private static bool TryStrings(JsonObject body, string field, out ImmutableArray<string> values, out SourceJsonResult? error)
    {
        values = [];
        error = null;
        var node = body[field];
        if (node is null) return true;
        if (node is not JsonArray array || array.Any(n => n?.GetValueKind() != JsonValueKind.String))
        {
            error = new SourceJsonResult.Invalid($"'{field}' must be a list of strings");
            return false;
        }
        values = [.. array.Select(n => n!.GetValue<string>())];
        return true;
    }
}
