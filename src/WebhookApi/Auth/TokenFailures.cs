using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace GitOps.WebhookApi.Auth;

/// <summary>Names the check a JWT failed, from the validation exception and the token's header (never its payload).</summary>
internal static class TokenFailures
{
    /// <summary>Only asymmetric signatures by the provider's published keys; an HMAC "signed" with a public key is refused by name.</summary>
    public static readonly string[] Algorithms =
    [
        SecurityAlgorithms.RsaSha256, SecurityAlgorithms.RsaSha384, SecurityAlgorithms.RsaSha512,
        SecurityAlgorithms.RsaSsaPssSha256, SecurityAlgorithms.RsaSsaPssSha384, SecurityAlgorithms.RsaSsaPssSha512,
        SecurityAlgorithms.EcdsaSha256, SecurityAlgorithms.EcdsaSha384, SecurityAlgorithms.EcdsaSha512,
    ];

    public static TokenCheck Describe(Exception failure, string? rawToken)
    {
        var alg = Algorithm(rawToken);
        if (alg is null) return new("malformed", "it is not a well-formed JWT");
        if (string.Equals(alg, "none", StringComparison.OrdinalIgnoreCase)) return new("unsigned", "it is unsigned (alg 'none'); tokens must be signed by the provider");
        if (!Algorithms.Contains(alg)) return new("algorithm", $"its algorithm '{Shown(alg)}' is not accepted; only asymmetric signatures ({string.Join(", ", Algorithms)}) with the provider's published keys");
        return failure switch
        {
            SecurityTokenExpiredException => new("expired", "it has expired (exp is in the past); get a new one"),
            SecurityTokenNotYetValidException => new("not-yet-valid", "it is not valid yet (nbf is in the future)"),
            SecurityTokenInvalidAudienceException => new("audience", "it was issued for another audience (aud)"),
            SecurityTokenInvalidIssuerException => new("issuer", "it was issued by another issuer (iss) than the configured authority"),
            SecurityTokenSignatureKeyNotFoundException => new("unknown-key", "it is signed with a key (kid) the provider does not publish"),
            SecurityTokenInvalidSignatureException => new("signature", "its signature does not verify"),
            SecurityTokenNoExpirationException => new("expired", "it has no expiry (exp)"),
            SecurityTokenInvalidLifetimeException => new("lifetime", "its lifetime (nbf/exp) is invalid"),
            SecurityTokenMalformedException or ArgumentException => new("malformed", "it is not a well-formed JWT"),
            _ when IsDiscoveryFailure(failure) => new("provider-unreachable", "the OpenID provider's keys could not be fetched; retry later"),
            _ => new("invalid", "it did not pass validation"),
        };
    }

    private static bool IsDiscoveryFailure(Exception failure) =>
        failure is InvalidOperationException && failure.Message.Contains("IDX20803", StringComparison.Ordinal);

    private static string? Algorithm(string? rawToken)
    {
        if (string.IsNullOrEmpty(rawToken)) return null;
        try
        {
            return new JsonWebToken(rawToken).Alg ?? "";
        }
        catch (ArgumentException)
        {
            return null; // SecurityTokenMalformedException is one
        }
    }

    private static string Shown(string value) => value.Length <= 16 ? value : value[..16] + "…";
}
