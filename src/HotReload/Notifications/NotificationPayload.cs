using System.Globalization;

namespace GitOps.HotReload.Notifications;

/// <summary>Reads the canonical payload (schema <c>"v": 1</c>) once its signature held.</summary>
internal static class NotificationPayload
{
    public static VerifiedNotification? Parse(byte[] payload, string keyId)
    {
        try
        {
            using var document = JsonDocument.Parse(payload);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("v", out var v) || v.ValueKind != JsonValueKind.Number || v.GetInt32() != 1)
                return null;
            var time = DateTimeOffset.Parse(Text(root, "time") ?? "", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
            var sources = root.TryGetProperty("changedSources", out var s) && s.ValueKind == JsonValueKind.Array
                ? [.. s.EnumerateArray().Select(e => e.GetString() ?? "")]
                : ImmutableArray<string>.Empty;
            ImmutableSortedDictionary<string, string>? files = null;
            if (root.TryGetProperty("files", out var f) && f.ValueKind == JsonValueKind.Object)
                files = f.EnumerateObject().ToImmutableSortedDictionary(p => p.Name, p => p.Value.GetString() ?? "", StringComparer.Ordinal);
            if (Text(root, "id") is not { Length: > 0 } id || Text(root, "plugin") is not { Length: > 0 } plugin || Text(root, "outcome") is not { } outcome)
                return null;
            return new VerifiedNotification(
                new ChangeNotification(id, plugin, Text(root, "commit") ?? "", Text(root, "hash"), Text(root, "previousHash"), sources, outcome, time, files), keyId);
        }
        catch (Exception ex) when (ex is JsonException or FormatException or InvalidOperationException)
        {
            return null;
        }
    }

    private static string? Text(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
