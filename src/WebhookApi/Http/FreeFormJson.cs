using System.Collections.ObjectModel;

namespace GitOps.WebhookApi.Http;

/// <summary>Turns JSON into the free-form CLR values of the config model (<see cref="FreeForm"/>).</summary>
internal static class FreeFormJson
{
    public static IReadOnlyDictionary<string, object?> ToMap(JsonElement element)
    {
        var map = new OrderedDictionary<string, object?>(StringComparer.Ordinal);
        foreach (var property in element.EnumerateObject()) map[property.Name] = ToValue(property.Value);
        return new ReadOnlyDictionary<string, object?>(map);
    }

    public static object? ToValue(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => ToMap(element),
        JsonValueKind.Array => element.EnumerateArray().Select(ToValue).ToList().AsReadOnly(),
        JsonValueKind.String => element.GetString(),
        // (object): a bare conditional would widen the long to double, and an integer would be written back as 3.0.
        JsonValueKind.Number => element.TryGetInt64(out var whole) ? (object)whole : element.GetDouble(),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => null,
    };
}
