using System.Security.Cryptography;
using Org.BouncyCastle.Math.EC.Rfc7748;

namespace GitOps.Reconciler.Secrets.Age;

/// <summary>The age file format (age-encryption.org/v1) with X25519 recipients: a text header of recipient stanzas closed by
/// an HMAC, then a ChaCha20-Poly1305 payload in 64 KiB chunks (STREAM). Built on the BCL's HKDF, HMAC-SHA256 and
/// ChaCha20-Poly1305; X25519 comes from BouncyCastle.</summary>
internal static class AgeFile
{
    public const string Version = "age-encryption.org/v1";
    private const string X25519Label = "age-encryption.org/v1/X25519";
    private const int FileKeyLength = 16;
    private const int PayloadNonceLength = 16;
    private const int ChunkSize = 64 * 1024;
    private const int TagLength = 16;

    /// <summary>Encrypts <paramref name="plaintext"/> to each recipient (binary age file).</summary>
    public static byte[] Encrypt(ReadOnlySpan<byte> plaintext, params AgeRecipient[] recipients)
    {
        ArgumentNullException.ThrowIfNull(recipients);
        if (recipients.Length == 0) throw new ArgumentException("at least one recipient is needed", nameof(recipients));
        var fileKey = RandomNumberGenerator.GetBytes(FileKeyLength);
        var header = new StringBuilder(Version).Append('\n');
        foreach (var recipient in recipients)
        {
            var ephemeral = RandomNumberGenerator.GetBytes(X25519.ScalarSize);
            var share = new byte[X25519.PointSize];
            X25519.ScalarMultBase(ephemeral, 0, share, 0);
            var shared = new byte[X25519.PointSize];
            if (!X25519.CalculateAgreement(ephemeral, 0, recipient.PublicKey, 0, shared, 0))
                throw new ArgumentException("the recipient is a low-order point", nameof(recipients));
            var wrapKey = HKDF.DeriveKey(HashAlgorithmName.SHA256, shared, 32, [.. share, .. recipient.PublicKey], Encoding.ASCII.GetBytes(X25519Label));
            var body = new byte[FileKeyLength + TagLength];
            using (var aead = new ChaCha20Poly1305(wrapKey))
                aead.Encrypt(new byte[12], fileKey, body.AsSpan(0, FileKeyLength), body.AsSpan(FileKeyLength));
            header.Append("-> X25519 ").Append(AgeBase64.Encode(share)).Append('\n');
            AgeBase64.AppendWrapped(header, body);
        }
        header.Append("---");
        var mac = HeaderMac(fileKey, Encoding.ASCII.GetBytes(header.ToString()));
        header.Append(' ').Append(AgeBase64.Encode(mac)).Append('\n');

        var nonce = RandomNumberGenerator.GetBytes(PayloadNonceLength);
        var payloadKey = HKDF.DeriveKey(HashAlgorithmName.SHA256, fileKey, 32, nonce, "payload"u8.ToArray());
        using var output = new MemoryStream();
        output.Write(Encoding.ASCII.GetBytes(header.ToString()));
        output.Write(nonce);
        using var stream = new ChaCha20Poly1305(payloadKey);
        var chunks = Math.Max(1, (plaintext.Length + ChunkSize - 1) / ChunkSize);
        for (var i = 0; i < chunks; i++)
        {
            var chunk = plaintext.Slice(i * ChunkSize, Math.Min(ChunkSize, plaintext.Length - i * ChunkSize));
            var sealedChunk = new byte[chunk.Length + TagLength];
            stream.Encrypt(ChunkNonce(i, last: i == chunks - 1), chunk, sealedChunk.AsSpan(0, chunk.Length), sealedChunk.AsSpan(chunk.Length));
            output.Write(sealedChunk);
        }
        return output.ToArray();
    }

    /// <summary>Decrypts a binary age file with the first identity that unwraps one of its X25519 stanzas.</summary>
    public static AgeDecryption Decrypt(ReadOnlySpan<byte> file, IReadOnlyList<AgeIdentity> identities)
    {
        ArgumentNullException.ThrowIfNull(identities);
        if (AgeHeader.Parse(file) is not { } header) return new AgeDecryption.Malformed("the age header is malformed");
        byte[]? fileKey = null;
        var matched = -1;
        foreach (var stanza in header.Stanzas)
        {
            if (stanza.Arguments is not ["X25519", var shareText] || stanza.Body.Length != FileKeyLength + TagLength) continue;
            if (AgeBase64.Decode(shareText) is not { Length: X25519.PointSize } share) return new AgeDecryption.Malformed("an X25519 stanza has a malformed share");
            for (var i = 0; i < identities.Count && fileKey is null; i++)
            {
                var shared = new byte[X25519.PointSize];
                if (!X25519.CalculateAgreement(identities[i].PrivateKey, 0, share, 0, shared, 0)) continue;
                var wrapKey = HKDF.DeriveKey(HashAlgorithmName.SHA256, shared, 32, [.. share, .. identities[i].Recipient.PublicKey], Encoding.ASCII.GetBytes(X25519Label));
                var candidate = new byte[FileKeyLength];
                try
                {
                    using var aead = new ChaCha20Poly1305(wrapKey);
                    aead.Decrypt(new byte[12], stanza.Body.AsSpan(0, FileKeyLength), stanza.Body.AsSpan(FileKeyLength), candidate);
                    fileKey = candidate;
                    matched = i;
                }
                catch (AuthenticationTagMismatchException)
                {
                    // Not for this identity: try the next one.
                }
            }
            if (fileKey is not null) break;
        }
        if (fileKey is null) return new AgeDecryption.NoIdentity();
        if (!CryptographicOperations.FixedTimeEquals(HeaderMac(fileKey, file[..header.MacInputLength]), header.Mac))
            return new AgeDecryption.Malformed("the age header MAC does not verify");

        var payload = file[header.Length..];
        if (payload.Length < PayloadNonceLength + TagLength) return new AgeDecryption.Malformed("the age payload is truncated");
        var payloadKey = HKDF.DeriveKey(HashAlgorithmName.SHA256, fileKey, 32, payload[..PayloadNonceLength].ToArray(), "payload"u8.ToArray());
        using var stream = new ChaCha20Poly1305(payloadKey);
        var plaintext = new MemoryStream();
        var offset = PayloadNonceLength;
        for (var counter = 0; ; counter++)
        {
            var remaining = payload.Length - offset;
            var last = remaining <= ChunkSize + TagLength;
            var length = last ? remaining : ChunkSize + TagLength;
            if (length < TagLength || (last && length == TagLength && counter > 0))
                return new AgeDecryption.Malformed("the age payload is truncated");
            var chunk = new byte[length - TagLength];
            try
            {
                stream.Decrypt(ChunkNonce(counter, last), payload.Slice(offset, length - TagLength), payload.Slice(offset + length - TagLength, TagLength), chunk);
            }
            catch (AuthenticationTagMismatchException)
            {
                return new AgeDecryption.Malformed("an age payload chunk does not verify");
            }
            plaintext.Write(chunk);
            offset += length;
            if (last) return new AgeDecryption.Decrypted(plaintext.ToArray(), matched);
        }
    }

    private static byte[] HeaderMac(byte[] fileKey, ReadOnlySpan<byte> headerUpToDashes)
    {
        var key = HKDF.DeriveKey(HashAlgorithmName.SHA256, fileKey, 32, [], "header"u8.ToArray());
        return HMACSHA256.HashData(key, headerUpToDashes);
    }

    private static byte[] ChunkNonce(long counter, bool last)
    {
        var nonce = new byte[12];
        for (var i = 10; i >= 0 && counter > 0; i--, counter >>= 8) nonce[i] = (byte)counter;
        nonce[11] = last ? (byte)1 : (byte)0;
        return nonce;
    }
}

/// <summary>The outcome of decrypting an age file.</summary>
internal abstract record AgeDecryption
{
    private AgeDecryption() { }

    /// <param name="Identity">The index of the identity that unwrapped the file key.</param>
    public sealed record Decrypted(byte[] Plaintext, int Identity) : AgeDecryption;

    /// <summary>No X25519 stanza is addressed to any of the identities.</summary>
    public sealed record NoIdentity : AgeDecryption;

    public sealed record Malformed(string Reason) : AgeDecryption;
}
