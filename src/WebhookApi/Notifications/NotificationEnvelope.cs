using System.Text.Encodings.Web;
using GitOps.HotReload.Notifications;

namespace GitOps.WebhookApi.Notifications;

/// <summary>The wire form of a signed notification, the same on every transport that carries a body of its own (the MQTT
/// message body; the event stream's <c>data</c>): <c>{"keyId":"…","signature":"&lt;base64&gt;","payload":"&lt;canonical JSON&gt;"}</c>.</summary>
/// <remarks>The payload travels as a JSON string so that its exact bytes survive any JSON tooling: <c>jq -j .payload</c>
/// gives back the signed bytes (docs/NOTIFICATIONS.md). GitOps.HotReload's NotificationVerifier reads this form.</remarks>
internal static class NotificationEnvelope
{
    // Quotes in the payload string as \" rather than \u0022, so the message stays readable (it is never put into HTML).
    private static readonly JsonWriterOptions Readable = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static byte[] Write(SignedNotification notification)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(notification.Payload.Length + 160);
        using (var json = new Utf8JsonWriter(buffer, Readable))
        {
            json.WriteStartObject();
            json.WriteString("keyId", notification.KeyId);
            json.WriteString("signature", Convert.ToBase64String(notification.Signature.Span));
            json.WriteString("payload", Encoding.UTF8.GetString(notification.Payload.Span));
            json.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Signs <paramref name="notification"/> in its canonical form.</summary>
    public static SignedNotification Sign(ChangeNotification notification, INotificationSigner signer)
    {
        var payload = NotificationCanonicalForm.Write(notification);
        while (true)
        {
            // A rotation between reading the key id and signing would pair the id with another key's signature: the id is
            // read on both sides and the signature kept only when it did not move (key ids are never reused).
            var keyId = signer.KeyId;
            var signature = signer.Sign(payload);
            if (signer.KeyId == keyId) return new SignedNotification(notification, payload, keyId, signature);
        }
    }
}
