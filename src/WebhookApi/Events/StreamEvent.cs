using GitOps.WebhookApi.Status;

namespace GitOps.WebhookApi.Events;

/// <summary>One event of <c>GET /api/v1/events</c>: its id (<c>{stream}-{sequence}</c>), SSE event name and JSON data.</summary>
/// <param name="Origin">The feed event it describes, so a caller limited to some plugins gets its own view of it.</param>
internal sealed record StreamEvent(long Sequence, string Name, string Data, FeedEvent Origin)
{
    /// <summary>This event as a caller with <paramref name="scope"/> may see it: itself for a caller who sees every plugin;
    /// otherwise null for another plugin's source change or notification, and commits and passes cut to the plugins in
    /// scope (the same rule as <c>GET /status</c> and <c>GET /history</c>).</summary>
    public StreamEvent? For(Auth.PluginScope scope)
    {
        if (scope.SeesEverything) return this;
        return Origin switch
        {
            FeedEvent.SourceChanged source => scope.Sees(source.Plugin) ? this : null,
            FeedEvent.Notified notified => scope.Sees(notified.Notification.Event.Plugin) ? this : null,
            FeedEvent.HeadChanged head => this with
            {
                Data = Json(new { head = head.Head, snapshotHash = head.SnapshotHash, plugins = head.Plugins.Where(scope.Sees) }),
            },
            FeedEvent.PassFinished pass => this with { Data = Json(StatusEndpoints.View(pass.Report, scope)) },
            _ => null,
        };
    }

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
