using System.Security.Cryptography;
using CloudNative.CloudEvents;
using CloudNative.CloudEvents.SystemTextJson;

namespace GitOps.WebhookApi.Notifications.Webhooks;

/// <summary>The wire form of a webhook: a CloudEvents 1.0 structured JSON body and the Standard Webhooks signature header.</summary>
internal static class WebhookMessage
{
    /// <summary>The CloudEvent <c>type</c> of an applied change (docs/NOTIFICATIONS.md).</summary>
    public const string EventType = "io.gitops.config.changed";

    /// <summary>The CloudEvent <c>source</c>: this service.</summary>
    public static readonly Uri Source = new("urn:gitops:reconciler");

    /// <summary>The CloudEvent extension attribute naming the Ed25519 key of the <c>v1a</c> signature
    /// (listed by <c>GET /api/v1/notifications/keys</c>).</summary>
    public const string KeyIdAttribute = "keyid";

    private static readonly JsonEventFormatter Formatter = new();

    /// <summary>The structured-mode body: the event's canonical payload as <c>data</c>, built once and sent to every subscriber.</summary>
    public static (ReadOnlyMemory<byte> Body, string ContentType) Body(SignedNotification notification)
    {
        using var data = JsonDocument.Parse(notification.Payload);
        var cloudEvent = new CloudEvent(CloudEventsSpecVersion.V1_0)
        {
            Id = notification.Event.Id,
            Type = EventType,
            Source = Source,
            Subject = notification.Event.Plugin,
            Time = notification.Event.Time,
            DataContentType = "application/json",
            Data = data.RootElement.Clone(),
        };
        cloudEvent[KeyIdAttribute] = notification.KeyId;
        var body = Formatter.EncodeStructuredModeMessage(cloudEvent, out var contentType);
        return (body, contentType.ToString());
    }

    /// <summary>The bytes both signatures cover: <c>{webhook-id}.{webhook-timestamp}.{body}</c>.</summary>
    public static byte[] SignedContent(string messageId, long timestamp, ReadOnlySpan<byte> body)
    {
        var prefix = Encoding.UTF8.GetBytes(FormattableString.Invariant($"{messageId}.{timestamp}."));
        var content = new byte[prefix.Length + body.Length];
        prefix.CopyTo(content, 0);
        body.CopyTo(content.AsSpan(prefix.Length));
        return content;
    }

    /// <summary>The <c>webhook-signature</c> value: <c>v1,{HMAC-SHA256 with the subscriber's key}</c> and
    /// <c>v1a,{Ed25519 with the service's notification key}</c>, space-separated.</summary>
    public static string Signature(string messageId, long timestamp, ReadOnlySpan<byte> body, byte[] hmacKey, INotificationSigner signer)
    {
        var content = SignedContent(messageId, timestamp, body);
        var hmac = HMACSHA256.HashData(hmacKey, content);
        var ed25519 = signer.Sign(content);
        return $"v1,{Convert.ToBase64String(hmac)} v1a,{Convert.ToBase64String(ed25519)}";
    }
}
