using System.Security.Cryptography;
using Org.BouncyCastle.Math.EC.Rfc7748;

namespace GitOps.Reconciler.Secrets.Age;

/// <summary>An age X25519 recipient (public key), written <c>age1…</c>.</summary>
public sealed record AgeRecipient(byte[] PublicKey)
{
    public const string Hrp = "age";

    public override string ToString() => Bech32.Encode(Hrp, PublicKey);

    public static AgeRecipient? TryParse(string text) =>
        Bech32.Decode(text.Trim()) is ("age", { Length: X25519.PointSize } key) && !text.Any(char.IsUpper)
            ? new AgeRecipient(key)
            : null;
}

/// <summary>An age X25519 identity (private key), written <c>AGE-SECRET-KEY-1…</c>. Never logged.</summary>
internal sealed class AgeIdentity
{
    public const string Hrp = "age-secret-key-";

    public AgeIdentity(byte[] privateKey)
    {
        ArgumentNullException.ThrowIfNull(privateKey);
        if (privateKey.Length != X25519.ScalarSize) throw new ArgumentException($"an X25519 key is {X25519.ScalarSize} bytes", nameof(privateKey));
        PrivateKey = privateKey;
        var publicKey = new byte[X25519.PointSize];
        X25519.ScalarMultBase(privateKey, 0, publicKey, 0);
        Recipient = new AgeRecipient(publicKey);
    }

    internal byte[] PrivateKey { get; }

    public AgeRecipient Recipient { get; }

    public static AgeIdentity Generate() => new(RandomNumberGenerator.GetBytes(X25519.ScalarSize));

    /// <summary>The identity of a key-ring key: derived from the master key, so the ring alone restores it.</summary>
    public static AgeIdentity DerivedFrom(SecretKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return new(HKDF.DeriveKey(HashAlgorithmName.SHA256, key.Material, X25519.ScalarSize, [], "gitops/v1 age X25519 identity"u8.ToArray()));
    }

    public static AgeIdentity? TryParse(string text) =>
        Bech32.Decode(text.Trim()) is ("age-secret-key-", { Length: X25519.ScalarSize } key) ? new AgeIdentity(key) : null;

    /// <summary>The <c>AGE-SECRET-KEY-1…</c> form, as age-keygen writes it.</summary>
    public string Export() => Bech32.Encode(Hrp, PrivateKey).ToUpperInvariant();

    public override string ToString() => $"AgeIdentity({Recipient})";
}
