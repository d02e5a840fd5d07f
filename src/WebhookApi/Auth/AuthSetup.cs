using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;

namespace GitOps.WebhookApi.Auth;

/// <summary>Registers API authentication (static tokens and, when configured, OIDC JWTs, on the same policies) and the
/// policies <c>viewer</c>, <c>operator</c>, <c>admin</c>.</summary>
internal static class AuthSetup
{
    /// <summary>The default scheme: forwards a JWT-shaped bearer token to <see cref="OidcSetup.SchemeName"/> (when SSO is
    /// configured) and anything else to the static tokens.</summary>
    public const string SchemeName = "Bearer";

    public static IServiceCollection AddApiAuthentication(this IServiceCollection services)
    {
        services.AddOptions<AuthOptions>().BindConfiguration(AuthOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<AuthOptions>, AuthOptionsValidator>();
        services.AddSingleton<TokenRegistry>();
        services.AddHostedService<TokenStartup>();
        services.AddAuthentication(SchemeName)
            .AddPolicyScheme(SchemeName, "static token or OIDC JWT", options => options.ForwardDefaultSelector = http =>
                OidcSetup.LooksLikeJwt(http.Request.Headers.Authorization.ToString())
                && http.RequestServices.GetRequiredService<IOptions<AuthOptions>>().Value is { Mode: AuthMode.Tokens, Oidc.Enabled: true }
                    ? OidcSetup.SchemeName
                    : BearerTokenHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, BearerTokenHandler>(BearerTokenHandler.SchemeName, null)
            .AddOidcBearer();
        var policies = services.AddAuthorizationBuilder();
        // viewer: any authenticated caller; what they see is cut to their grants (a person with no grant sees nothing, no error).
        policies.AddPolicy(Roles.Viewer, policy => policy.RequireAuthenticatedUser());
        foreach (var role in Roles.All[1..]) policies.AddPolicy(role, policy => policy.RequireRole(Roles.AtLeast(role)));
        return services;
    }

    /// <summary>The caller as a commit author (DESIGN §3): the token's name and email for a person, else
    /// <c>{name} &lt;{name}@gitops.local&gt;</c>.</summary>
    public static CommitAuthor Author(this ClaimsPrincipal user)
    {
        var name = user.Identity?.Name ?? "anonymous";
        return new CommitAuthor(name, user.FindFirst(ClaimTypes.Email)?.Value ?? $"{name}@gitops.local");
    }

    public static bool IsAdmin(this ClaimsPrincipal user) => user.IsInRole(Roles.Admin);

    /// <summary>Creates (or reads) the admin token at start-up, so its location is logged before the first request.</summary>
    private sealed class TokenStartup(TokenRegistry tokens) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken) => Task.FromResult(tokens.Mode);

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
