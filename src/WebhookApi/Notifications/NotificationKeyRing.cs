using System.Security.Cryptography;
using GitOps.HotReload.Files;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Math.EC.Rfc8032;
using Org.BouncyCastle.Security;

namespace GitOps.WebhookApi.Notifications;

/// <summary>The notification signing keys (Ed25519): the current key signs; keys rotated out stay listed for
/// <see cref="NotificationOptions.RetiredKeyRetention"/> so receivers can still verify what was signed just before.</summary>
/// <remarks>Kept in one file through <see cref="FileStore{T}"/> (atomic writes, mode 0600), created on first start. The
/// key id is the first 8 bytes of SHA-256 over the raw 32-byte public key, lowercase hex: any receiver can compute it.</remarks>
internal sealed class NotificationKeyRing : INotificationSigner
{
    private readonly FileStore<NotificationKeyFile> _file;
    private readonly TimeProvider _time;
    private readonly TimeSpan _retention;
    private readonly Lock _lock = new();
    private volatile Current _current;
    private ImmutableArray<StoredPublicKey> _retired;

    private sealed record Current(Ed25519PrivateKeyParameters Key, StoredPrivateKey Stored, byte[] PublicKey);

    public NotificationKeyRing(string path, TimeSpan retention, TimeProvider time, ILogger logger)
    {
        _time = time;
        _retention = retention;
        _file = new FileStore<NotificationKeyFile>(path, NotificationKeyFile.Format(() => new(NewKey(time.GetUtcNow()), [])), logger);
        var stored = _file.Load();
        _current = Open(stored.Current, path);
        _retired = stored.Retired.IsDefault ? [] : stored.Retired;
    }

    public string Path => _file.Path;

    public string KeyId => _current.Stored.KeyId;

    public byte[] Sign(ReadOnlySpan<byte> data)
    {
        var signature = new byte[Ed25519.SignatureSize];
        _current.Key.Sign(Ed25519.Algorithm.Ed25519, null, data.ToArray(), 0, data.Length, signature, 0);
        return signature;
    }

    /// <summary>The public keys a receiver should accept now: the current one first, then retired ones still in their
    /// retention window, newest first.</summary>
    public ImmutableArray<NotificationPublicKey> Keys()
    {
        var now = _time.GetUtcNow();
        var current = _current;
        lock (_lock)
        {
            return [new NotificationPublicKey(current.Stored.KeyId, current.PublicKey, current.Stored.CreatedAt, null),
                .. _retired.Where(k => k.RetiredAt + _retention > now).OrderByDescending(k => k.RetiredAt)
                    .Select(k => new NotificationPublicKey(k.KeyId, Convert.FromBase64String(k.PublicKey), k.CreatedAt, k.RetiredAt))];
        }
    }

    /// <summary>Makes a new current key; the old one is listed as retired for the retention window, and keys past it are
    /// forgotten. Returns the new key id.</summary>
    public string Rotate()
    {
        lock (_lock)
        {
            var now = _time.GetUtcNow();
            var old = _current;
            var next = NewKey(now);
            var retired = _retired.Where(k => k.RetiredAt + _retention > now)
                .Append(new StoredPublicKey(old.Stored.KeyId, Convert.ToBase64String(old.PublicKey), old.Stored.CreatedAt, now))
                .ToImmutableArray();
            _file.Save(new NotificationKeyFile(next, retired)); // on disk first: a crash never loses the key that signed
            _retired = retired;
            _current = Open(next, _file.Path);
            return next.KeyId;
        }
    }

    /// <summary>The key id of a raw 32-byte Ed25519 public key.</summary>
    public static string KeyIdOf(ReadOnlySpan<byte> publicKey) => Convert.ToHexStringLower(SHA256.HashData(publicKey)[..8]);

    private static StoredPrivateKey NewKey(DateTimeOffset now)
    {
        var key = new Ed25519PrivateKeyParameters(new SecureRandom());
        return new StoredPrivateKey(KeyIdOf(key.GeneratePublicKey().GetEncoded()), Convert.ToBase64String(key.GetEncoded()), now);
    }

    private static Current Open(StoredPrivateKey stored, string path)
    {
        byte[] raw;
        try
        {
            raw = Convert.FromBase64String(stored.PrivateKey ?? "");
        }
        catch (FormatException)
        {
            throw new InvalidDataException($"{path}: the current private key is not base64");
        }
        if (raw.Length != Ed25519PrivateKeyParameters.KeySize)
            throw new InvalidDataException($"{path}: the current private key must be {Ed25519PrivateKeyParameters.KeySize} bytes, not {raw.Length}");
        var key = new Ed25519PrivateKeyParameters(raw);
        var publicKey = key.GeneratePublicKey().GetEncoded();
        var id = KeyIdOf(publicKey);
        if (stored.KeyId != id) throw new InvalidDataException($"{path}: key id {stored.KeyId} does not match the private key (expected {id})");
        return new Current(key, stored, publicKey);
    }
}

/// <summary>One public key as <c>GET /api/v1/notifications/keys</c> lists it.</summary>
/// <param name="RetiredAt">Null for the current key.</param>
internal sealed record NotificationPublicKey(string KeyId, byte[] PublicKey, DateTimeOffset CreatedAt, DateTimeOffset? RetiredAt);
