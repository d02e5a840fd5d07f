namespace GitOps.HotReload.Configuration;

/// <summary>Turns a JSON document into configuration keys (<c>a:b:0</c>), the way the JSON configuration provider does.</summary>
internal static class JsonFlattener
{
    public static void Flatten(ReadOnlyMemory<byte> json, string prefix, IDictionary<string, string?> into, string file)
    {
        try
        {
            using var document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
            Visit(document.RootElement, prefix, into, file);
        }
        catch (JsonException ex)
        {
            throw new FormatException($"{file}: invalid JSON at line {(ex.LineNumber ?? 0) + 1}, position {(ex.BytePositionInLine ?? 0) + 1}: {ex.Message}", ex);
        }
    }

    private static void Visit(JsonElement element, string path, IDictionary<string, string?> into, string file)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                var any = false;
                foreach (var property in element.EnumerateObject())
                {
                    any = true;
                    Visit(property.Value, ConfigKeys.Combine(path, property.Name), into, file);
                }
                if (!any && path.Length > 0) ConfigKeys.Set(into, path, null, file);
                break;
            case JsonValueKind.Array:
                var index = 0;
                foreach (var item in element.EnumerateArray()) Visit(item, ConfigKeys.Combine(path, (index++).ToString(System.Globalization.CultureInfo.InvariantCulture)), into, file);
                if (index == 0 && path.Length > 0) ConfigKeys.Set(into, path, null, file);
                break;
            case JsonValueKind.Null:
                ConfigKeys.Set(into, path, null, file);
                break;
            case JsonValueKind.String:
                ConfigKeys.Set(into, path, element.GetString(), file);
                break;
            default:
                ConfigKeys.Set(into, path, element.GetRawText(), file);
                break;
        }
    }
}

/// <summary>Configuration key paths: segments joined with <c>:</c>, compared case-insensitively, no duplicates.</summary>
internal static class ConfigKeys
{
    public static string Combine(string prefix, string segment) => prefix.Length == 0 ? segment : prefix + ":" + segment;

    public static void Set(IDictionary<string, string?> into, string key, string? value, string file)
    {
        if (key.Length == 0) throw new FormatException($"{file}: the document is a single value; expected a mapping");
        if (into.ContainsKey(key)) throw new FormatException($"{file}: duplicate key '{key}'");
        into[key] = value;
    }
}
