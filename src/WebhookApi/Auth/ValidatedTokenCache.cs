using System.Collections.Concurrent;
using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.JsonWebTokens;

namespace GitOps.WebhookApi.Auth;

/// <summary>Principals of JWTs that passed validation, by the token's SHA-256, so a client repeating its token is not
/// charged an RSA verification per request (B16). An entry is used only before the token's <c>exp</c>, at most
/// <see cref="MaxAge"/> after it was validated, and only while the provider still publishes the token's <c>kid</c>: a
/// rotated-out key stops working here as soon as the JWKS is refreshed.</summary>
internal sealed class ValidatedTokenCache(TimeProvider time)
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromMinutes(5);
    private const int MaxEntries = 10_000;

    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    public async Task TryUseAsync(MessageReceivedContext context)
    {
        if (Token(context.Request) is not { } token || !_entries.TryGetValue(Key(token), out var entry)) return;
        if (time.GetUtcNow() >= entry.Until || context.Options.ConfigurationManager is not { } manager) return;
        var configuration = await manager.GetConfigurationAsync(context.HttpContext.RequestAborted);
        if (!configuration.SigningKeys.Any(k => k.KeyId == entry.KeyId)) return;
        context.Principal = entry.Principal;
        context.Success();
    }

    public void Remember(TokenValidatedContext context)
    {
        if (Token(context.Request) is not { } token || context.SecurityToken is not JsonWebToken jwt || context.Principal is null) return;
        if (_entries.Count >= MaxEntries) _entries.Clear(); // bounded: a flood of distinct tokens costs validations, not memory
        var until = new DateTimeOffset(jwt.ValidTo, TimeSpan.Zero);
        var cap = time.GetUtcNow() + MaxAge;
        _entries[Key(token)] = new Entry(context.Principal, jwt.Kid, until < cap ? until : cap);
    }

    private static string? Token(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        return header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header["Bearer ".Length..].Trim() : null;
    }

    private static string Key(string token) => Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    private sealed record Entry(ClaimsPrincipal Principal, string KeyId, DateTimeOffset Until);
}
