using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace GitOps.TestSupport.Kubernetes;

/// <summary>What the real API server does with core/v1 Secrets: <c>type</c> defaults to Opaque and cannot change,
/// <c>stringData</c> is write-only and merged into <c>data</c> (base64) on every write, data values must be base64,
/// keys follow the config-key rule, and data may hold at most 1 MiB.</summary>
internal static class KubeSecretRules
{
    public const int MaxBytes = 1024 * 1024;

    /// <summary>Applied before validation on create and update, as the API server's defaulting and conversion do.</summary>
    public static void Normalize(KubeResourceType type, JsonObject obj)
    {
        if (type != KubeResourceType.Secrets) return;
        if (obj["type"] is null || obj["type"]?.GetValueKind() == JsonValueKind.Null || (obj["type"]?.GetValueKind() == JsonValueKind.String && obj["type"]!.GetValue<string>().Length == 0))
            obj["type"] = "Opaque";
        if (obj["stringData"] is not JsonObject stringData) return;
        var data = obj["data"] as JsonObject ?? [];
        foreach (var (key, value) in stringData)
            if (value?.GetValueKind() == JsonValueKind.String)
                data[key] = Convert.ToBase64String(Encoding.UTF8.GetBytes(value.GetValue<string>()));
        obj["data"] = data;
        obj.Remove("stringData");
    }

    public static void Validate(JsonObject obj, List<(string Field, string Message)> errors)
    {
        if (obj["data"] is null) return;
        if (obj["data"] is not JsonObject data)
        {
            errors.Add(("data", "Invalid value: must be a map of base64 strings"));
            return;
        }
        long total = 0;
        foreach (var (key, value) in data)
        {
            if (key.Length > 253 || !KubeObjectRules.ConfigMapKey().IsMatch(key))
                errors.Add(($"data[{key}]", $"Invalid value: \"{key}\": a valid config key must consist of alphanumeric characters, '-', '_' or '.'"));
            var text = value?.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;
            var buffer = new byte[text?.Length ?? 0];
            if (text is null || !Convert.TryFromBase64String(text, buffer, out var written))
            {
                errors.Add(($"data[{key}]", "Invalid value: illegal base64 data"));
                continue;
            }
            total += written;
        }
        if (total > MaxBytes)
            errors.Add(("data", $"Too long: must have at most {MaxBytes.ToString(CultureInfo.InvariantCulture)} bytes"));
    }

    public static IEnumerable<(string Field, string Message)> ValidateUpdate(JsonObject updated, JsonObject current)
    {
        var before = current["type"]?.GetValue<string>();
        var after = updated["type"]?.GetValue<string>();
        if (before != after) yield return ("type", "Invalid value: field is immutable");
    }
}
