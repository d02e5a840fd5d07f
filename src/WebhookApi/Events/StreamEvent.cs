using System.Text.Json;
using GitOps.WebhookApi.Http;
using GitOps.WebhookApi.Status;

namespace GitOps.WebhookApi.Events;

/// <summary>One event of <c>GET /api/v1/events</c>: its id (<c>{stream}-{sequence}</c>), SSE event name and JSON data.</summary>
internal sealed record StreamEvent(long Sequence, string Name, string Data)
{
    /// <summary>The SSE event name and JSON data of a feed event (docs/NOTIFICATIONS.md lists them); null for a kind the
    /// stream does not carry (it runs on the writer's thread: it must not throw into a commit or a pass).</summary>
    public static (string Name, string Data)? Describe(FeedEvent value) => value switch
    {
        FeedEvent.HeadChanged head => ("head", Json(new { head = head.Head, snapshotHash = head.SnapshotHash, plugins = head.Plugins })),
        FeedEvent.SourceChanged source => ("source", Json(new
        {
            plugin = source.Plugin,
            source = source.Source,
            status = source.Status is { } s
                ? new { state = s.State.ToString(), entityCount = s.EntityCount, lastRefreshedAt = s.LastRefreshedAt, appliedHash = s.AppliedHash }
                : null,
        })),
        FeedEvent.PassFinished pass => ("pass", Json(StatusEndpoints.View(pass.Report))),
        FeedEvent.Notified notified => ("notification", Notification(notified.Notification)),
        _ => null,
    };

    /// <summary>The signed canonical payload as it was signed (raw JSON), with the key id and the Ed25519 signature.</summary>
    private static string Notification(Notifications.SignedNotification notification)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("keyId", notification.KeyId);
            writer.WriteBase64String("signature", notification.Signature.Span);
            writer.WritePropertyName("event");
            writer.WriteRawValue(notification.Payload.Span);
            writer.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    private static string Json<T>(T value) => JsonSerializer.Serialize(value, ApiJson.Options);
}
