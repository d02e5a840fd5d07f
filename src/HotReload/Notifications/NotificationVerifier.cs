using System.Collections.Frozen;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Math.EC.Rfc8032;

namespace GitOps.HotReload.Notifications;

/// <summary>Checks signed change notifications from GitOps Reconciler (MQTT, event stream): the Ed25519 signature over the
/// exact payload bytes with a known key id, then freshness: an event id seen before, a time outside
/// <see cref="NotificationVerifierOptions.Window"/>, or an event older than one already accepted for the plugin is refused.</summary>
/// <remarks>Thread-safe. An event counts as seen only once its signature held, so forged messages cannot poison the
/// replay memory. A retained MQTT message (delivered on subscribe, possibly old) skips the time window but not the other
/// checks: pass <c>retained: true</c>.</remarks>
public sealed class NotificationVerifier
{
    private const int SignatureSize = 64;

    private readonly FrozenDictionary<string, Ed25519PublicKeyParameters> _keys;
    private readonly NotificationVerifierOptions _options;
    private readonly TimeProvider _time;
    private readonly Lock _lock = new();
    private readonly HashSet<string> _seen = new(StringComparer.Ordinal);
    private readonly Queue<(DateTimeOffset Time, string Id)> _seenOrder = new();
    private readonly Dictionary<string, (DateTimeOffset Time, string Id)> _latest = new(StringComparer.Ordinal);

    public NotificationVerifier(IEnumerable<NotificationKey> keys, NotificationVerifierOptions? options = null, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(keys);
        _keys = keys.ToFrozenDictionary(k => k.KeyId, k => new Ed25519PublicKeyParameters(k.PublicKey.Span), StringComparer.Ordinal);
        _options = options ?? new NotificationVerifierOptions();
        _time = time ?? TimeProvider.System;
    }

    /// <summary>The key ids this verifier accepts.</summary>
    public IEnumerable<string> KeyIds => _keys.Keys;

    /// <summary>Verifies a signed envelope <c>{"keyId":…,"signature":…,"payload":…}</c> (the MQTT message body).</summary>
    public VerificationResult Verify(ReadOnlySpan<byte> envelope, bool retained = false)
    {
        string? keyId = null;
        byte[]? signature = null;
        byte[]? payload = null;
        try
        {
            var reader = new Utf8JsonReader(envelope);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) return Reject(RejectionReason.Malformed, "the message is not a JSON object");
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var name = reader.ValueSpan;
                var escaped = reader.ValueIsEscaped;
                if (!reader.Read()) break;
                if (escaped || reader.TokenType != JsonTokenType.String)
                {
                    reader.Skip();
                    continue;
                }
                if (name.SequenceEqual("keyId"u8)) keyId = reader.GetString();
                else if (name.SequenceEqual("signature"u8)) signature = reader.GetBytesFromBase64();
                else if (name.SequenceEqual("payload"u8)) payload = Unescaped(ref reader);
            }
        }
        catch (Exception ex) when (ex is JsonException or FormatException or InvalidOperationException)
        {
            return Reject(RejectionReason.Malformed, $"the message is not a signed envelope: {ex.Message}");
        }
        if (keyId is null || signature is null || payload is null)
            return Reject(RejectionReason.Malformed, "the message lacks keyId, signature or payload");
        return Verify(payload, keyId, signature, retained);
    }

    /// <summary>Verifies <paramref name="payload"/> (the canonical bytes as received) against <paramref name="signature"/>
    /// made with key <paramref name="keyId"/>.</summary>
    public VerificationResult Verify(ReadOnlySpan<byte> payload, string keyId, ReadOnlySpan<byte> signature, bool retained = false)
    {
        if (!_keys.TryGetValue(keyId, out var key)) return Reject(RejectionReason.UnknownKey, $"key {keyId} is not a known notification key");
        if (signature.Length != SignatureSize) return Reject(RejectionReason.BadSignature, $"an Ed25519 signature has {SignatureSize} bytes, not {signature.Length}");
        var message = payload.ToArray();
        if (!key.Verify(Ed25519.Algorithm.Ed25519, null, message, 0, message.Length, signature.ToArray(), 0))
            return Reject(RejectionReason.BadSignature, $"the signature does not match the payload for key {keyId}");
        if (NotificationPayload.Parse(message, keyId) is not { } notification)
            return Reject(RejectionReason.Malformed, "the signed payload is not a change notification");
        var now = _time.GetUtcNow();
        if (!retained && (notification.Time < now - _options.Window || notification.Time > now + _options.Window))
            return Reject(RejectionReason.OutsideWindow, $"event {notification.Id} is from {notification.Time:O}, outside {_options.Window} of now");
        lock (_lock)
        {
            if (_seen.Contains(notification.Id) || (_latest.TryGetValue(notification.Plugin, out var last) && last.Id == notification.Id))
                return Reject(RejectionReason.Replayed, $"event {notification.Id} was already accepted");
            if (_latest.TryGetValue(notification.Plugin, out last) && notification.Time < last.Time)
                return Reject(RejectionReason.Superseded, $"event {notification.Id} is older than event {last.Id} already accepted for {notification.Plugin}");
            Remember(notification, now);
        }
        return new VerificationResult.Verified(notification);
    }

    private void Remember(VerifiedNotification notification, DateTimeOffset now)
    {
        _latest[notification.Plugin] = (notification.Time, notification.Id);
        _seen.Add(notification.Id);
        _seenOrder.Enqueue((notification.Time, notification.Id));
        // Ids older than the window need no memory: the window refuses them anyway (retained ones: the per-plugin latest).
        while (_seenOrder.Count > 0 && (_seenOrder.Count > _options.MaxRememberedIds || _seenOrder.Peek().Time < now - _options.Window))
            _seen.Remove(_seenOrder.Dequeue().Id);
    }

    private static byte[] Unescaped(ref Utf8JsonReader reader)
    {
        if (!reader.ValueIsEscaped) return reader.ValueSpan.ToArray();
        var buffer = new byte[reader.ValueSpan.Length];
        var written = reader.CopyString(buffer);
        return buffer[..written];
    }

    private static VerificationResult.Rejected Reject(RejectionReason reason, string message) => new(reason, message);
}

/// <summary>Options of <see cref="NotificationVerifier"/>.</summary>
public sealed class NotificationVerifierOptions
{
    /// <summary>How far an event's time may be from now (either way) to be accepted; also how long event ids are remembered.</summary>
    public TimeSpan Window { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>At most this many event ids are remembered (the oldest are forgotten first).</summary>
    public int MaxRememberedIds { get; init; } = 100_000;
}
