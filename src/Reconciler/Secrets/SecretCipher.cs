using System.Collections.Concurrent;
using System.Security.Cryptography;
using GitOps.Reconciler.Secrets.Age;

namespace GitOps.Reconciler.Secrets;

/// <summary>Encrypts and decrypts secret values with the key ring: AES-256-GCM envelopes under a key derived per plugin
/// (HKDF-SHA256 from the master key), the plugin and field bound in as associated data; and age files addressed to the
/// X25519 identity derived from any key of the ring (values from contributors who do not hold the server key).</summary>
/// <remarks>Thread-safe. Derived keys are cached per (key id, plugin); they never leave this object.</remarks>
public sealed class SecretCipher
{
    private readonly ConcurrentDictionary<(string KeyId, string Plugin), byte[]> _pluginKeys = new();
    // AesGcm instances are not safe for concurrent use and costly to create (a native cipher context each): pooled per key.
    private readonly ConcurrentDictionary<(string KeyId, string Plugin), ConcurrentBag<AesGcm>> _ciphers = new();
    private readonly AgeIdentity[] _identities;

    public SecretCipher(KeyRing ring)
    {
        ArgumentNullException.ThrowIfNull(ring);
        Ring = ring;
        // Newest first: most age values are addressed to the recipient published now.
        _identities = [.. ring.Keys.Reverse().Select(AgeIdentity.DerivedFrom)];
    }

    public KeyRing Ring { get; }

    /// <summary>The public age recipient contributors encrypt to (the newest key's).</summary>
    public AgeRecipient Recipient => _identities[0].Recipient;

    /// <summary>An envelope for <paramref name="plaintext"/> as the value of secret <paramref name="name"/> of <paramref name="plugin"/>,
    /// under the newest key.</summary>
    public string Encrypt(string plugin, string name, string plaintext)
    {
        ArgumentNullException.ThrowIfNull(plaintext);
        var key = Ring.Newest;
        var iv = RandomNumberGenerator.GetBytes(SecretEnvelope.IvLength);
        var clear = Encoding.UTF8.GetBytes(plaintext);
        var data = new byte[clear.Length];
        var tag = new byte[SecretEnvelope.TagLength];
        var aes = Rent(key, plugin);
        try
        {
            aes.Encrypt(iv, clear, data, tag, AssociatedData(plugin, name, key.Id));
        }
        finally
        {
            Return(key, plugin, aes);
        }
        CryptographicOperations.ZeroMemory(clear);
        return new SecretEnvelope(data, iv, tag, "str", key.Id).ToString();
    }

    /// <summary>Decrypts a stored value (an envelope or an armored age file). Failures never carry the value.</summary>
    public SecretDecryption Decrypt(string plugin, string name, string stored)
    {
        ArgumentNullException.ThrowIfNull(stored);
        if (AgeArmor.LooksArmored(stored)) return DecryptAge(stored);
        if (!SecretEnvelope.TryParse(stored, out var envelope, out var error)) return new SecretDecryption.Failed(null, error);
        if (Ring.Find(envelope.KeyId) is not { } key)
            return new SecretDecryption.Failed(envelope.KeyId, $"key id '{envelope.KeyId}' is not in the key ring");
        var clear = new byte[envelope.Data.Length];
        var aes = Rent(key, plugin);
        try
        {
            aes.Decrypt(envelope.Iv, envelope.Data, envelope.Tag, clear, AssociatedData(plugin, name, key.Id));
        }
        catch (AuthenticationTagMismatchException)
        {
            return new SecretDecryption.Failed(key.Id, $"the tag does not verify with key '{key.Id}' (the value was altered, or copied from another plugin or field)");
        }
        finally
        {
            Return(key, plugin, aes);
        }
        return new SecretDecryption.Decrypted(Encoding.UTF8.GetString(clear), key.Id);
    }

    /// <summary>Encrypts a value for contributors' use: an armored age file to <paramref name="recipient"/>.</summary>
    public static string EncryptForRecipient(AgeRecipient recipient, string plaintext) =>
        AgeArmor.Encode(AgeFile.Encrypt(Encoding.UTF8.GetBytes(plaintext), recipient));

    private SecretDecryption DecryptAge(string armored)
    {
        if (AgeArmor.Decode(armored) is not { } file) return new SecretDecryption.Failed(null, "the age armor is malformed");
        return AgeFile.Decrypt(file, _identities) switch
        {
            AgeDecryption.Decrypted d => new SecretDecryption.Decrypted(Encoding.UTF8.GetString(d.Plaintext), Ring.Keys[^(d.Identity + 1)].Id, FromAge: true),
            AgeDecryption.NoIdentity => new SecretDecryption.Failed(null,
                "the age value is not addressed to the recipient of any key in the key ring (encrypt it to the recipient from GET /api/v1/secrets/recipient)"),
            AgeDecryption.Malformed m => new SecretDecryption.Failed(null, m.Reason),
            _ => throw new InvalidOperationException("unexpected age outcome"),
        };
    }

    private AesGcm Rent(SecretKey key, string plugin) =>
        _ciphers.GetOrAdd((key.Id, plugin), _ => []).TryTake(out var aes) ? aes : new AesGcm(PluginKey(key, plugin), SecretEnvelope.TagLength);

    private void Return(SecretKey key, string plugin, AesGcm aes) => _ciphers[(key.Id, plugin)].Add(aes);

    private byte[] PluginKey(SecretKey key, string plugin) =>
        _pluginKeys.GetOrAdd((key.Id, plugin), k =>
            HKDF.DeriveKey(HashAlgorithmName.SHA256, key.Material, 32, [], Encoding.UTF8.GetBytes($"gitops/v1 secrets plugin:{k.Plugin}")));

    /// <summary>Binds a value to its plugin, field path and key id: moved anywhere else, the tag no longer verifies.</summary>
    private static byte[] AssociatedData(string plugin, string name, string keyId) =>
        Encoding.UTF8.GetBytes($"gitops/v1\0plugins/{plugin}/{SecretsFile.FileName}\0{SecretsFile.FieldPath(name)}\0{keyId}");
}

/// <summary>The outcome of decrypting one stored value.</summary>
public abstract record SecretDecryption
{
    private SecretDecryption() { }

    /// <param name="KeyId">The key that decrypted it.</param>
    /// <param name="FromAge">True when the value was an age file (not yet bound to its field; <c>rotate</c> rewrites it as an envelope).</param>
    public sealed record Decrypted(string Value, string KeyId, bool FromAge = false) : SecretDecryption
    {
        /// <summary>Redacted: a record's generated ToString would print the value.</summary>
        public override string ToString() => $"Decrypted(kid {KeyId})";
    }

    /// <param name="KeyId">The key id the value names, when it names one.</param>
    public sealed record Failed(string? KeyId, string Reason) : SecretDecryption;
}
