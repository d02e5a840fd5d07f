using GitOps.HotReload.Notifications;

namespace GitOps.WebhookApi.Notifications;

/// <summary>A notification with its canonical byte form and the Ed25519 signature over exactly those bytes.</summary>
/// <param name="Payload">The canonical JSON bytes (what is signed and what is sent).</param>
/// <param name="KeyId">The id of the signing key, as listed by <c>GET /api/v1/notifications/keys</c>.</param>
/// <param name="Signature">The 64-byte Ed25519 signature over <see cref="Payload"/>.</param>
internal sealed record SignedNotification(ChangeNotification Event, ReadOnlyMemory<byte> Payload, string KeyId, ReadOnlyMemory<byte> Signature);

/// <summary>The service's notification signing key (Ed25519).</summary>
internal interface INotificationSigner
{
    /// <summary>The current key id.</summary>
    string KeyId { get; }

    /// <summary>Signs <paramref name="data"/> with the current key: a 64-byte Ed25519 signature.</summary>
    byte[] Sign(ReadOnlySpan<byte> data);
}

/// <summary>Where notifications go (MQTT, outbound webhooks, …). The publisher calls every registered sink for every
/// signed notification; a sink must not block the caller: it queues and sends on its own.</summary>
internal interface INotificationSink
{
    /// <summary>The sink's name as it appears in metric labels (<c>mqtt</c>, <c>webhook</c>).</summary>
    string Name { get; }

    /// <summary>Queues <paramref name="notification"/> for sending; returns at once.</summary>
    void Enqueue(SignedNotification notification);
}
