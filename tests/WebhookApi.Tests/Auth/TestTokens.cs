using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace GitOps.WebhookApi.Tests.Auth;

/// <summary>Hand-made JWTs for the refusal cases: signed with the provider's own key (so only the named check fails), with a
/// stranger's key, unsigned, or HMAC-"signed" with the provider's public key.</summary>
public static class TestTokens
{
    public static JsonObject Claims(OidcProvider provider, TimeSpan? expiresIn = null, TimeSpan? notBefore = null)
    {
        var now = DateTimeOffset.UtcNow;
        return new JsonObject
        {
            ["iss"] = provider.IssuerName, ["aud"] = OidcProvider.Audience, ["sub"] = "mallory", ["name"] = "Mallory",
            ["groups"] = new JsonArray("datasource:admin"),
            ["iat"] = now.AddMinutes(-1).ToUnixTimeSeconds(), ["nbf"] = (now + (notBefore ?? TimeSpan.FromMinutes(-1))).ToUnixTimeSeconds(),
            ["exp"] = (now + (expiresIn ?? TimeSpan.FromMinutes(10))).ToUnixTimeSeconds(),
        };
    }

    public static string Rs256(JsonObject claims, RSA key, string keyId)
    {
        var signingInput = Part(new JsonObject { ["alg"] = "RS256", ["typ"] = "JWT", ["kid"] = keyId }) + "." + Part(claims);
        var signature = key.SignData(Encoding.ASCII.GetBytes(signingInput), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return signingInput + "." + OidcProvider.B64(signature);
    }

    public static string Unsigned(JsonObject claims, string keyId) =>
        Part(new JsonObject { ["alg"] = "none", ["typ"] = "JWT", ["kid"] = keyId }) + "." + Part(claims) + ".";

    /// <summary>The classic key-confusion attack: HS256 with the provider's public key (as published) as the HMAC secret.</summary>
    public static string Hs256WithPublicKey(JsonObject claims, RSA publicKey, string keyId)
    {
        var signingInput = Part(new JsonObject { ["alg"] = "HS256", ["typ"] = "JWT", ["kid"] = keyId }) + "." + Part(claims);
        var secret = Encoding.ASCII.GetBytes(publicKey.ExportSubjectPublicKeyInfoPem());
        return signingInput + "." + OidcProvider.B64(HMACSHA256.HashData(secret, Encoding.ASCII.GetBytes(signingInput)));
    }

    private static string Part(JsonObject json) => OidcProvider.B64(Encoding.UTF8.GetBytes(json.ToJsonString()));
}
