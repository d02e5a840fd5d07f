using System.Text.Json.Serialization;

namespace GitOps.WebhookApi.Notifications.Webhooks;

[JsonConverter(typeof(JsonStringEnumConverter<DeliveryState>))]
internal enum DeliveryState
{
    /// <summary>Queued; no attempt yet.</summary>
    Pending,

    /// <summary>At least one attempt failed; another is due at <see cref="DeliveryView.NextAttemptAt"/>.</summary>
    Retrying,

    /// <summary>The subscriber answered 2xx.</summary>
    Delivered,

    /// <summary>Every attempt failed; a person may redeliver it.</summary>
    Failed,

    /// <summary>The subscriber's queue was full; never attempted (redeliver by hand).</summary>
    Dropped,
}

/// <summary>One thing to send to one subscriber: the notification and its CloudEvent body, built once for all subscribers.</summary>
/// <param name="Id">The delivery id (the log's key; a redelivery gets a new one).</param>
/// <param name="MessageId">The <c>webhook-id</c>: the event id, the same on every retry and redelivery (receivers dedupe on it).</param>
/// <param name="RedeliveryOf">The delivery this one repeats by hand, or null.</param>
internal sealed record WebhookDelivery(
    string Id,
    int Subscriber,
    string MessageId,
    SignedNotification Notification,
    ReadOnlyMemory<byte> Body,
    string ContentType,
    string? RedeliveryOf);

/// <summary>One attempt: the subscriber's status code, or why there was none (<c>Timeout</c>, <c>ConnectionError</c>, …).</summary>
internal sealed record DeliveryAttempt(int Number, DateTimeOffset At, int? StatusCode, string? Error, long DurationMs);

/// <summary>A delivery as the log shows it. The subscriber is named by its option index and its origin only: a URL's path or
/// query can hold a token, and the secret is never shown.</summary>
internal sealed record DeliveryView(
    string Id,
    string EventId,
    string Plugin,
    int Subscriber,
    string Endpoint,
    DeliveryState State,
    DateTimeOffset CreatedAt,
    DateTimeOffset? NextAttemptAt,
    ImmutableArray<DeliveryAttempt> Attempts,
    string? RedeliveryOf)
{
    [JsonIgnore]
    public bool IsFinished => State is DeliveryState.Delivered or DeliveryState.Failed or DeliveryState.Dropped;
}
