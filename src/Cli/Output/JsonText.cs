namespace GitOps.Cli.Output;

/// <summary>Reads values out of JSON for display: dotted paths, scalars as plain text, lists joined by commas.</summary>
internal static class JsonText
{
    public static JsonNode? Node(JsonNode? node, string path)
    {
        foreach (var part in path.Split('.'))
        {
            if (node is not JsonObject obj) return null;
            node = obj[part];
        }
        return node;
    }

    public static string At(JsonNode? node, string path) => Display(Node(node, path));

    /// <summary>Labelled values from a spec <c>Label:path,Label:path</c> (as <see cref="TableColumn.Paths"/>), for a detail view.</summary>
    public static IEnumerable<(string Label, string Value)> Fields(JsonNode? node, string spec) =>
        spec.Split(',').Select(field => field.Split(':', 2)).Select(parts => (parts[0], At(node, parts[1])));

    public static string Display(JsonNode? node) => node switch
    {
        null => "",
        JsonValue value => value.GetValueKind() switch
        {
            JsonValueKind.String => value.GetValue<string>(),
            JsonValueKind.True => "true",
            JsonValueKind.False => "false",
            _ => value.ToJsonString(),
        },
        JsonArray array => string.Join(", ", array.Select(Display)),
        _ => node.ToJsonString(),
    };
}
