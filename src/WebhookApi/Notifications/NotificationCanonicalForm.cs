using System.Globalization;
using GitOps.HotReload.Notifications;

namespace GitOps.WebhookApi.Notifications;

/// <summary>The canonical byte form of a <see cref="ChangeNotification"/>: what is signed and what is sent.</summary>
/// <remarks>Compact UTF-8 JSON, properties in this fixed order, no insignificant whitespace; non-ASCII characters
/// escaped as <c>\uXXXX</c> (so the bytes are plain ASCII); <c>time</c> in UTC with milliseconds
/// (<c>2026-01-02T03:04:05.678Z</c>); <c>changedSources</c> sorted ordinally; <c>files</c> sorted by path and left out when
/// absent; null hashes written as <c>null</c>. Receivers verify the bytes as received and never re-serialise.</remarks>
internal static class NotificationCanonicalForm
{
    /// <summary>The schema version in every payload (<c>"v"</c>).</summary>
    public const int Version = 1;

    private static readonly JsonWriterOptions Compact = new() { Indented = false };

    public static byte[] Write(ChangeNotification notification)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(512);
        using (var json = new Utf8JsonWriter(buffer, Compact))
        {
            json.WriteStartObject();
            json.WriteNumber("v", Version);
            json.WriteString("id", notification.Id);
            json.WriteString("plugin", notification.Plugin);
            json.WriteString("commit", notification.Commit);
            WriteNullable(json, "hash", notification.Hash);
            WriteNullable(json, "previousHash", notification.PreviousHash);
            json.WriteStartArray("changedSources");
            foreach (var source in notification.ChangedSources.Order(StringComparer.Ordinal)) json.WriteStringValue(source);
            json.WriteEndArray();
            json.WriteString("outcome", notification.Outcome);
            json.WriteString("time", notification.Time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
            if (notification.Files is { } files)
            {
                json.WriteStartObject("files");
                foreach (var (path, text) in files.OrderBy(f => f.Key, StringComparer.Ordinal)) json.WriteString(path, text);
                json.WriteEndObject();
            }
            json.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }

    private static void WriteNullable(Utf8JsonWriter json, string name, string? value)
    {
        if (value is null) json.WriteNull(name);
        else json.WriteString(name, value);
    }
}
