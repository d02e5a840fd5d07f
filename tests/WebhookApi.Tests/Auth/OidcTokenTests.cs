using System.Net;
using System.Security.Cryptography;

namespace GitOps.WebhookApi.Tests.Auth;

/// <summary>JWTs from a real OpenID provider are accepted beside static tokens; each bad token is a 401 naming the failed
/// check, without echoing the token.</summary>
public sealed class OidcTokenTests(SsoServer sso) : IClassFixture<SsoServer>
{
    [Fact]
    public async Task ProviderToken_IsAccepted_AndMeNamesThePersonAndGrants()
    {
        using var client = await sso.PersonAsync(SsoServer.TeamA);

        using var response = await client.GetAsync(new Uri("me", UriKind.Relative));

        var me = await response.JsonAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Team A Bot", me.GetProperty("name").GetString());
        Assert.Equal("team-a@example.test", me.GetProperty("email").GetString());
        Assert.Equal("oidc", me.GetProperty("kind").GetString());
        var grants = me.GetProperty("grants").EnumerateArray().Select(g => $"{g.GetProperty("role")} {g.GetProperty("plugins")[0]} {g.GetProperty("origin")}").ToArray();
        Assert.Equal(["admin team-a-* group team-a", "viewer shared group team-a"], grants);
        var roles = me.GetProperty("plugins").EnumerateArray().ToDictionary(p => p.GetProperty("name").GetString()!, p => p.GetProperty("role").GetString());
        Assert.Equal(new Dictionary<string, string?> { ["shared"] = "viewer", ["team-a-web"] = "admin" }, roles);
    }

    [Fact]
    public async Task StaticTokens_KeepWorking_BesideOidc()
    {
        using var client = sso.Client(ApiServer.AdminToken);

        using var response = await client.GetAsync(new Uri("me", UriKind.Relative));

        var me = await response.JsonAsync();
        Assert.Equal("alice", me.GetProperty("name").GetString());
        Assert.Equal("token", me.GetProperty("kind").GetString());
        Assert.Equal("admin", me.GetProperty("everywhere").GetString());
    }

    [Fact]
    public async Task PersonWithoutGroups_IsAuthenticated_AndSeesNothing()
    {
        using var client = await sso.PersonAsync(SsoServer.Loner);

        using var plugins = await client.GetAsync(new Uri("plugins", UriKind.Relative));
        using var me = await client.GetAsync(new Uri("me", UriKind.Relative));
        using var models = await client.GetAsync(new Uri("plugins/models", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, plugins.StatusCode);
        Assert.Equal(0, (await plugins.JsonAsync()).GetArrayLength());
        Assert.Equal(0, (await me.JsonAsync()).GetProperty("grants").GetArrayLength());
        await models.AssertProblemAsync(HttpStatusCode.NotFound, "not-found");
    }

    public static TheoryData<string, string> BadTokens() => new()
    {
        { "expired", "expired" },
        { "not-yet-valid", "not-yet-valid" },
        { "wrong-audience", "audience" },
        { "wrong-issuer", "issuer" },
        { "unknown-kid", "unknown-key" },
        { "alg-none", "unsigned" },
        { "hs256-public-key", "algorithm" },
        { "tampered", "signature" },
    };

    [Theory]
    [MemberData(nameof(BadTokens))]
    public async Task BadToken_Returns401_NamingTheCheck_WithoutEchoingIt(string kind, string check)
    {
        var provider = sso.Provider;
        var claims = TestTokens.Claims(provider);
        var token = kind switch
        {
            "expired" => TestTokens.Rs256(TestTokens.Claims(provider, notBefore: TimeSpan.FromHours(-2), expiresIn: TimeSpan.FromHours(-1)), provider.Key, provider.KeyId),
            "not-yet-valid" => TestTokens.Rs256(TestTokens.Claims(provider, notBefore: TimeSpan.FromHours(1), expiresIn: TimeSpan.FromHours(2)), provider.Key, provider.KeyId),
            "wrong-audience" => TestTokens.Rs256(Set(claims, "aud", "urn:another:service"), provider.Key, provider.KeyId),
            "wrong-issuer" => TestTokens.Rs256(Set(claims, "iss", "http://127.0.0.1:9/not-the-issuer"), provider.Key, provider.KeyId),
            "unknown-kid" => TestTokens.Rs256(claims, RSA.Create(2048), "stranger"),
            "alg-none" => TestTokens.Unsigned(claims, provider.KeyId),
            "hs256-public-key" => TestTokens.Hs256WithPublicKey(claims, provider.Key, provider.KeyId),
            "tampered" => Tamper(TestTokens.Rs256(claims, provider.Key, provider.KeyId)),
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };
        using var client = sso.Client(token);

        using var response = await client.GetAsync(new Uri("plugins", UriKind.Relative));

        var problem = await response.AssertProblemAsync(HttpStatusCode.Unauthorized, "unauthorized");
        Assert.Equal(check, problem.GetProperty("check").GetString());
        var body = problem.GetRawText();
        foreach (var part in token.Split('.').Where(p => p.Length > 8)) Assert.DoesNotContain(part, body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ProviderTokenAccepted_WhileTheSameClaimsWithAWrongAudienceAreNot()
    {
        // The good twin of the audience case: only 'aud' differs, so the 401 above is that check and nothing else.
        using var client = sso.Client(TestTokens.Rs256(TestTokens.Claims(sso.Provider), sso.Provider.Key, sso.Provider.KeyId));

        using var response = await client.GetAsync(new Uri("plugins", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private static System.Text.Json.Nodes.JsonObject Set(System.Text.Json.Nodes.JsonObject claims, string name, string value)
    {
        claims[name] = value;
        return claims;
    }

    private static string Tamper(string token)
    {
        var parts = token.Split('.');
        var payload = System.Text.Json.Nodes.JsonNode.Parse(Convert.FromBase64String(Pad(parts[1].Replace('-', '+').Replace('_', '/'))))!.AsObject();
        payload["name"] = "Someone Else";
        return parts[0] + "." + OidcProvider.B64(System.Text.Encoding.UTF8.GetBytes(payload.ToJsonString())) + "." + parts[2];
    }

    private static string Pad(string base64) => base64.PadRight(base64.Length + (4 - base64.Length % 4) % 4, '=');
}
