using System.Security.Cryptography;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;
using Org.BouncyCastle.Crypto.Utilities;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.Security;

namespace GitOps.Reconciler.Signing;

/// <summary>An SSH signature in the SSHSIG format git writes with <c>gpg.format=ssh</c> (OpenSSH PROTOCOL.sshsig):
/// the signer's public key, the namespace (<c>git</c>), the hash algorithm and the signature over
/// <c>"SSHSIG" ‖ namespace ‖ reserved ‖ hash algorithm ‖ H(payload)</c>.</summary>
internal sealed record SshSignature(byte[] PublicKeyBlob, string Namespace, string HashAlgorithm, string Algorithm, byte[] Signature)
{
    public const string Begin = "-----BEGIN SSH SIGNATURE-----";
    public const string End = "-----END SSH SIGNATURE-----";
    private static readonly byte[] Magic = "SSHSIG"u8.ToArray();

    /// <summary>The key id ssh-keygen prints: <c>SHA256:</c> and the unpadded base64 of the key blob's SHA-256.</summary>
    public string KeyId => Fingerprint(PublicKeyBlob);

    public static string Fingerprint(byte[] keyBlob) => "SHA256:" + Convert.ToBase64String(SHA256.HashData(keyBlob)).TrimEnd('=');

    /// <summary>Reads the armoured text; a reason naming what is wrong when it is not a well-formed SSHSIG.</summary>
    public static (SshSignature? Signature, string? Error) Parse(string armoured)
    {
        var text = armoured.Trim();
        if (!text.StartsWith(Begin, StringComparison.Ordinal)) return (null, "not an SSH signature armour");
        var end = text.IndexOf(End, StringComparison.Ordinal);
        if (end < 0) return (null, "truncated SSH signature armour: no END line");
        if (text.Length != end + End.Length) return (null, "text after the SSH signature armour");
        byte[] blob;
        try
        {
            blob = Convert.FromBase64String(text[Begin.Length..end].Replace("\n", "").Replace("\r", "").Trim());
        }
        catch (FormatException)
        {
            return (null, "SSH signature armour is not valid base64");
        }
        try
        {
            var reader = new SshWireReader(blob);
            if (!reader.Raw(Magic.Length).SequenceEqual(Magic)) return (null, "SSH signature does not start with SSHSIG");
            if (reader.UInt32() != 1) return (null, "unsupported SSHSIG version");
            var key = reader.Bytes().ToArray();
            var ns = reader.Text();
            reader.Bytes(); // reserved
            var hash = reader.Text();
            var wrapped = reader.Bytes();
            if (!reader.AtEnd) return (null, "trailing bytes after the SSH signature");
            var inner = new SshWireReader(wrapped);
            var algorithm = inner.Text();
            var signature = inner.Bytes().ToArray();
            if (!inner.AtEnd) return (null, "trailing bytes after the SSH signature value");
            return (new SshSignature(key, ns, hash, algorithm, signature), null);
        }
        catch (FormatException ex)
        {
            return (null, $"malformed SSH signature: {ex.Message}");
        }
    }

    /// <summary>Checks the signature over <paramref name="payload"/> with the key it names; null when it holds, else why not.</summary>
    public string? Verify(ReadOnlySpan<byte> payload)
    {
        if (Namespace != "git") return $"SSH signature namespace is '{Namespace}', not 'git'";
        var digest = HashAlgorithm switch
        {
            "sha512" => SHA512.HashData(payload),
            "sha256" => SHA256.HashData(payload),
            _ => null,
        };
        if (digest is null) return $"unsupported SSH signature hash '{HashAlgorithm}'";
        AsymmetricKeyParameter key;
        try
        {
            key = OpenSshPublicKeyUtilities.ParsePublicKey(PublicKeyBlob);
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or IOException or FormatException)
        {
            return "the SSH signature carries an unreadable public key";
        }
        var signed = SignedData(Namespace, HashAlgorithm, digest);
        try
        {
            return Check(key, signed) ? null : "signature does not match the commit";
        }
        catch (FormatException ex)
        {
            return $"malformed SSH signature value: {ex.Message}";
        }
    }

    private bool Check(AsymmetricKeyParameter key, byte[] signed)
    {
        switch (key)
        {
            case Ed25519PublicKeyParameters when Algorithm == "ssh-ed25519":
                var ed = new Ed25519Signer();
                ed.Init(false, key);
                ed.BlockUpdate(signed, 0, signed.Length);
                return Signature.Length == 64 && ed.VerifySignature(Signature);
            case RsaKeyParameters when Algorithm is "rsa-sha2-512" or "rsa-sha2-256":
                var rsa = SignerUtilities.GetSigner(Algorithm == "rsa-sha2-512" ? "SHA-512withRSA" : "SHA-256withRSA");
                rsa.Init(false, key);
                rsa.BlockUpdate(signed, 0, signed.Length);
                return rsa.VerifySignature(Signature);
            case ECPublicKeyParameters ec when Algorithm.StartsWith("ecdsa-sha2-nistp", StringComparison.Ordinal):
                var bits = ec.Parameters.Curve.FieldSize;
                var hash = bits <= 256 ? SHA256.HashData(signed) : bits <= 384 ? SHA384.HashData(signed) : SHA512.HashData(signed);
                var reader = new SshWireReader(Signature);
                var r = new BigInteger(1, reader.Bytes().ToArray());
                var s = new BigInteger(1, reader.Bytes().ToArray());
                var ecdsa = new ECDsaSigner();
                ecdsa.Init(false, key);
                return ecdsa.VerifySignature(hash, r, s);
            default:
                throw new FormatException($"signature algorithm '{Algorithm}' does not fit the key or is not supported");
        }
    }

    /// <summary>Signs <paramref name="payload"/> with an Ed25519 key in namespace <c>git</c>; the armoured text git stores.</summary>
    public static string SignEd25519(Ed25519PrivateKeyParameters key, ReadOnlySpan<byte> payload)
    {
        var publicBlob = OpenSshPublicKeyUtilities.EncodePublicKey(key.GeneratePublicKey());
        var signed = SignedData("git", "sha512", SHA512.HashData(payload));
        var signer = new Ed25519Signer();
        signer.Init(true, key);
        signer.BlockUpdate(signed, 0, signed.Length);
        var signature = new SshWireWriter().Text("ssh-ed25519").Bytes(signer.GenerateSignature()).ToArray();
        var blob = new SshWireWriter().Raw(Magic).UInt32(1).Bytes(publicBlob).Text("git").Bytes([]).Text("sha512").Bytes(signature).ToArray();
        var base64 = Convert.ToBase64String(blob);
        var text = new StringBuilder(Begin).Append('\n');
        for (var i = 0; i < base64.Length; i += 70) text.Append(base64.AsSpan(i, Math.Min(70, base64.Length - i))).Append('\n');
        return text.Append(End).Append('\n').ToString();
    }

    private static byte[] SignedData(string ns, string hashAlgorithm, byte[] digest) =>
        new SshWireWriter().Raw(Magic).Text(ns).Bytes([]).Text(hashAlgorithm).Bytes(digest).ToArray();
}
