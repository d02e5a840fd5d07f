using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace GitOps.WebhookApi.Auth;

/// <summary>The JWT scheme: discovery and JWKS from <see cref="OidcOptions.Authority"/> (cached; an unknown <c>kid</c> asks
/// for one refresh, so a rotation is picked up), the person's groups mapped to <see cref="Grant"/>s, and 401s that say
/// which check failed.</summary>
internal static class OidcSetup
{
    public const string SchemeName = "Oidc";

    public static AuthenticationBuilder AddOidcBearer(this AuthenticationBuilder builder)
    {
        builder.AddJwtBearer(SchemeName, _ => { });
        builder.Services.AddSingleton<ValidatedTokenCache>();
        builder.Services.AddOptions<JwtBearerOptions>(SchemeName).Configure<IOptions<AuthOptions>, ValidatedTokenCache>((options, auth, cache) => Configure(options, auth.Value.Oidc, cache));
        return builder;
    }

    private static void Configure(JwtBearerOptions options, OidcOptions oidc, ValidatedTokenCache cache)
    {
        if (!oidc.Enabled) return;
        options.Authority = oidc.Authority;
        options.Audience = oidc.Audience;
        options.RequireHttpsMetadata = oidc.RequireHttpsMetadata;
        options.MapInboundClaims = false;
        options.RefreshOnIssuerKeyNotFound = true;
        // Discovery and JWKS cached (no network per request); an unknown kid asks for a refresh, at most once per
        // RefreshInterval. No "last known good" fallback: a key the provider stopped publishing is no longer trusted.
        var metadata = oidc.Authority.TrimEnd('/') + "/.well-known/openid-configuration";
        options.ConfigurationManager = new ConfigurationManager<OpenIdConnectConfiguration>(metadata, new OpenIdConnectConfigurationRetriever(),
            new HttpDocumentRetriever { RequireHttps = oidc.RequireHttpsMetadata })
        {
            UseLastKnownGoodConfiguration = false,
            RefreshInterval = oidc.JwksRefreshInterval,
        };
        options.TokenValidationParameters.ValidAudience = oidc.Audience;
        options.TokenValidationParameters.ValidAlgorithms = TokenFailures.Algorithms;
        options.TokenValidationParameters.ClockSkew = TimeSpan.FromMinutes(1);
        options.TokenValidationParameters.NameClaimType = ClaimTypes.Name;
        options.Events = new JwtBearerEvents
        {
            OnMessageReceived = cache.TryUseAsync,
            OnAuthenticationFailed = context =>
            {
                context.HttpContext.Items[FailureKey] = TokenFailures.Describe(context.Exception, RawToken(context.Request));
                return Task.CompletedTask;
            },
            OnTokenValidated = context =>
            {
                context.Principal = Person(context.Principal!, oidc);
                cache.Remember(context);
                return Task.CompletedTask;
            },
            OnChallenge = async context =>
            {
                context.HandleResponse();
                var failed = context.HttpContext.Items.TryGetValue(FailureKey, out var f) ? f as TokenCheck : null;
                await AuthProblems.Unauthorized(context.HttpContext, failed);
            },
            OnForbidden = context => AuthProblems.Forbidden(context.HttpContext),
        };
    }

    /// <summary>The principal the API works with: name and email for the commit author, and one grant per configured group
    /// the person is in. No group → no grant: authenticated, sees nothing.</summary>
    internal static ClaimsPrincipal Person(ClaimsPrincipal token, OidcOptions oidc)
    {
        string? Claim(string type) => token.FindFirst(type)?.Value is { Length: > 0 } v ? v : null;
        var subject = Claim("sub") ?? "unknown";
        var name = Claim("name") ?? Claim("preferred_username") ?? subject;
        var groups = token.FindAll(oidc.RolesClaim).Select(c => c.Value).ToHashSet(StringComparer.Ordinal);
        var grants = oidc.Grants.Where(g => groups.Contains(g.Group))
            .Select(g => new Grant(g.Role, g.Plugins is { } p ? [.. p] : Grant.Everything, $"group {g.Group}"))
            .ToImmutableArray();
        var claims = new List<Claim>
        {
            new(ClaimTypes.Name, name),
            new("sub", subject),
            new(CallerKinds.ClaimType, CallerKinds.Oidc),
        };
        if (Claim("email") is { } email) claims.Add(new Claim(ClaimTypes.Email, email));
        if (token.FindFirst("exp") is { } exp) claims.Add(new Claim("exp", exp.Value));
        claims.AddRange(grants.Select(g => g.ToClaim()));
        claims.AddRange(grants.Select(g => g.Role).Distinct().Select(r => new Claim(ClaimTypes.Role, r)));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName, ClaimTypes.Name, ClaimTypes.Role));
    }

    /// <summary>Whether a bearer credential has the shape of a JWT (three dot-separated parts); static tokens never do.</summary>
    public static bool LooksLikeJwt(string header) =>
        header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) && header.AsSpan("Bearer ".Length).Trim().Count('.') == 2;

    private static string? RawToken(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        return header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header["Bearer ".Length..].Trim() : null;
    }

    /// <summary>Where a failed token check leaves its reason for the challenge (one request's <c>HttpContext.Items</c>).</summary>
    private const string FailureKey = "gitops.token-failure";
}
