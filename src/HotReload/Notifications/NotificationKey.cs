using System.Security.Cryptography;

namespace GitOps.HotReload.Notifications;

/// <summary>A public key that signs change notifications: the raw 32-byte Ed25519 key and its id (the first 8 bytes of
/// SHA-256 over the key, lowercase hex), as <c>GET /api/v1/notifications/keys</c> lists it.</summary>
public sealed record NotificationKey
{
    public const int Size = 32;

    private NotificationKey(string keyId, byte[] publicKey) => (KeyId, PublicKey) = (keyId, publicKey);

    public string KeyId { get; }

    public ReadOnlyMemory<byte> PublicKey { get; }

    /// <summary>A key from its raw bytes; the id is computed, so it cannot disagree with the key.</summary>
    public static NotificationKey FromPublicKey(ReadOnlySpan<byte> publicKey)
    {
        if (publicKey.Length != Size) throw new ArgumentException($"an Ed25519 public key has {Size} bytes, not {publicKey.Length}", nameof(publicKey));
        return new NotificationKey(IdOf(publicKey), publicKey.ToArray());
    }

    /// <summary>A key from base64 (the <c>publicKey</c> field of the key list).</summary>
    public static NotificationKey FromBase64(string publicKey) => FromPublicKey(Convert.FromBase64String(publicKey));

    /// <summary>Every key in a <c>GET /api/v1/notifications/keys</c> answer. An entry whose <c>keyId</c> does not match its
    /// key is refused (<see cref="FormatException"/>), never silently trusted under the wrong id.</summary>
    public static ImmutableArray<NotificationKey> ParseKeyList(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json);
        using var document = JsonDocument.ParseValue(ref reader);
        if (!document.RootElement.TryGetProperty("keys", out var keys) || keys.ValueKind != JsonValueKind.Array)
            throw new FormatException("the key list has no 'keys' array");
        var result = ImmutableArray.CreateBuilder<NotificationKey>();
        foreach (var entry in keys.EnumerateArray())
        {
            var id = entry.TryGetProperty("keyId", out var i) && i.ValueKind == JsonValueKind.String ? i.GetString()! : throw new FormatException("a key has no 'keyId'");
            var raw = entry.TryGetProperty("publicKey", out var k) && k.ValueKind == JsonValueKind.String ? k.GetString()! : throw new FormatException($"key {id} has no 'publicKey'");
            var key = FromBase64(raw);
            if (key.KeyId != id) throw new FormatException($"key {id} does not match its public key (its id is {key.KeyId})");
            result.Add(key);
        }
        return result.ToImmutable();
    }

    public static string IdOf(ReadOnlySpan<byte> publicKey)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(publicKey, hash);
        return Convert.ToHexStringLower(hash[..8]);
    }
}
