using System.Globalization;
using System.Text.Json;

namespace GitOps.Reconciler.Configuration;

/// <summary>The canonical JSON of one source entry, hashed into its source hash: fixed field order and mapping keys
/// sorted at every depth, so reformatting or reordering sources.yaml does not change a source's hash.</summary>
internal static class CanonicalSource
{
    public static byte[] Json(SourceConfig source)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("id", source.Id);
            json.WriteString("name", source.Name);
            json.WriteString("type", source.Type);
            json.WriteBoolean("enabled", source.Enabled);
            json.WritePropertyName("labels");
            Value(json, source.Labels);
            json.WritePropertyName("properties");
            Value(json, source.Properties);
            json.WritePropertyName("include");
            Value(json, source.Include);
            json.WritePropertyName("exclude");
            Value(json, source.Exclude);
            // Only Kubeflow-dialect sources carry these, so gitops/v1 source hashes stay what they were.
            if (source.Section is not null) json.WriteString("section", source.Section);
            if (source.AssetType is not null) json.WriteString("assetType", source.AssetType);
            json.WriteEndObject();
        }
        return buffer.ToArray();
    }

    /// <summary>The canonical JSON of one free-form value (keys sorted; non-finite floats as text).</summary>
    public static byte[] ValueJson(object? value)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer)) Value(json, value);
        return buffer.ToArray();
    }

    private static void Value(Utf8JsonWriter json, object? value)
    {
        switch (value)
        {
            case null: json.WriteNullValue(); break;
            case string s: json.WriteStringValue(s); break;
            case bool b: json.WriteBooleanValue(b); break;
            case long l: json.WriteNumberValue(l); break;
            case int i: json.WriteNumberValue(i); break;
            case double d when double.IsFinite(d): json.WriteNumberValue(d); break;
            case double d: json.WriteStringValue(d.ToString(CultureInfo.InvariantCulture)); break;
            case IEnumerable<KeyValuePair<string, object?>> map:
                json.WriteStartObject();
                foreach (var (key, item) in map.OrderBy(e => e.Key, StringComparer.Ordinal))
                {
                    json.WritePropertyName(key);
                    Value(json, item);
                }
                json.WriteEndObject();
                break;
            case System.Collections.IEnumerable list:
                json.WriteStartArray();
                foreach (var item in list) Value(json, item);
                json.WriteEndArray();
                break;
            default: json.WriteStringValue(Convert.ToString(value, CultureInfo.InvariantCulture)); break;
        }
    }
}
