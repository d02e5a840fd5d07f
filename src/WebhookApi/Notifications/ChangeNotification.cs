namespace GitOps.WebhookApi.Notifications;

/// <summary>One applied change of one plugin (or one pass outcome transition), as every notification sink sends it
/// (issue 16). Deduplicated on (<see cref="Plugin"/>, <see cref="Hash"/>, <see cref="Outcome"/>).</summary>
/// <param name="Id">The event id (unique; receivers use it to drop replays and at-least-once duplicates).</param>
/// <param name="Plugin">The plugin whose applied state changed.</param>
/// <param name="Commit">The commit whose snapshot was applied.</param>
/// <param name="Hash">The plugin hash now applied; null when the plugin was removed.</param>
/// <param name="PreviousHash">The plugin hash applied before; null when the plugin is new.</param>
/// <param name="ChangedSources">Source ids whose configuration changed with this event.</param>
/// <param name="Outcome">The pass outcome for this plugin (<c>Succeeded</c>, <c>Degraded</c>, <c>Failed</c>).</param>
/// <param name="Time">When the change was applied.</param>
/// <param name="Files">The plugin's files (path → text) for consumers off Kubernetes; null unless the sink asks for them.
/// Never holds decrypted secrets.</param>
internal sealed record ChangeNotification(
    string Id,
    string Plugin,
    string Commit,
    string? Hash,
    string? PreviousHash,
    ImmutableArray<string> ChangedSources,
    string Outcome,
    DateTimeOffset Time,
    ImmutableSortedDictionary<string, string>? Files);

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
