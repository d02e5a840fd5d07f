using System.Security.Cryptography;

namespace GitOps.WebhookApi.Webhooks;

/// <summary>The result of checking a delivery's signature or token.</summary>
internal enum SignatureCheck
{
    Valid,
    Missing,
    Invalid,
    NotConfigured,
}

/// <summary>Verifies webhook signatures on the raw body, in constant time, before anything is parsed.</summary>
internal static class WebhookSignature
{
    private const string Sha256Prefix = "sha256=";

    /// <summary>Checks <c>sha256=&lt;hex HMAC-SHA256(secret, body)&gt;</c> (GitHub's <c>X-Hub-Signature-256</c>, the generic <c>X-Signature</c>).</summary>
    public static SignatureCheck VerifyHmac(string? secret, string? header, ReadOnlySpan<byte> body)
    {
        if (string.IsNullOrEmpty(secret)) return SignatureCheck.NotConfigured;
        if (string.IsNullOrEmpty(header)) return SignatureCheck.Missing;
        if (!header.StartsWith(Sha256Prefix, StringComparison.OrdinalIgnoreCase)) return SignatureCheck.Invalid;
        var hex = header.AsSpan(Sha256Prefix.Length).Trim();
        if (hex.Length != SHA256.HashSizeInBytes * 2) return SignatureCheck.Invalid;
        Span<byte> given = stackalloc byte[SHA256.HashSizeInBytes];
        if (Convert.FromHexString(hex, given, out _, out var written) != System.Buffers.OperationStatus.Done || written != given.Length)
            return SignatureCheck.Invalid;
        Span<byte> expected = stackalloc byte[SHA256.HashSizeInBytes];
        HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body, expected);
        return CryptographicOperations.FixedTimeEquals(expected, given) ? SignatureCheck.Valid : SignatureCheck.Invalid;
    }

    /// <summary>Compares a shared token (GitLab's <c>X-Gitlab-Token</c>). Both sides are hashed first so that
    /// the comparison takes the same time whatever the lengths.</summary>
    public static SignatureCheck VerifyToken(string? configured, string? header)
    {
        if (string.IsNullOrEmpty(configured)) return SignatureCheck.NotConfigured;
        if (string.IsNullOrEmpty(header)) return SignatureCheck.Missing;
        var expected = SHA256.HashData(Encoding.UTF8.GetBytes(configured));
        var given = SHA256.HashData(Encoding.UTF8.GetBytes(header));
        return CryptographicOperations.FixedTimeEquals(expected, given) ? SignatureCheck.Valid : SignatureCheck.Invalid;
    }

    /// <summary>Formats a signature header value for a body (used by tests and docs examples).</summary>
    public static string Sign(string secret, ReadOnlySpan<byte> body) =>
        Sha256Prefix + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));
}
