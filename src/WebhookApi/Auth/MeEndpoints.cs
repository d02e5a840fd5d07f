using System.Security.Claims;

namespace GitOps.WebhookApi.Auth;

/// <summary><c>GET /api/v1/me</c> (who the caller is, their grants and their role on each plugin they see, so the UI can hide
/// what they may not do) and <c>GET /api/v1/auth/oidc</c> (anonymous: what the UI needs to start a PKCE login).</summary>
internal static class MeEndpoints
{
    public static RouteGroupBuilder MapMeEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/me", (HttpContext http) =>
        {
            var scope = PluginScope.Of(http);
            var author = http.User.Author();
            var plugins = EntityTags.Snapshot(http).Plugins.Keys.Select(p => new PluginRoleView(p, scope.RoleOn(p)!)).ToArray();
            return TypedResults.Ok(new MeView(
                author.Name,
                http.User.FindFirstValue(ClaimTypes.Email),
                http.User.FindFirstValue(CallerKinds.ClaimType) ?? CallerKinds.Token,
                [.. scope.Grants.Select(g => new GrantView(g.Role, [.. g.Plugins], g.Origin))],
                Roles.All.Where(r => scope.AllowingEverywhere(r) is not null).LastOrDefault(),
                plugins));
        });

        api.MapGet("/auth/oidc", (IOptions<AuthOptions> auth) =>
        {
            var oidc = auth.Value.Oidc;
            return TypedResults.Ok(oidc.Enabled && oidc.ClientId.Length > 0
                ? new OidcClientView(true, oidc.Authority, oidc.ClientId, oidc.Scopes, oidc.Resource.Length > 0 ? oidc.Resource : null)
                : new OidcClientView(false, null, null, null, null));
        }).AllowAnonymous();
        return api;
    }
}

/// <param name="Everywhere">The role held on every plugin (a grant on <c>*</c>), or null.</param>
/// <param name="Plugins">The caller's role on each plugin they see.</param>
internal sealed record MeView(string Name, string? Email, string Kind, GrantView[] Grants, string? Everywhere, PluginRoleView[] Plugins);

internal sealed record GrantView(string Role, string[] Plugins, string Origin);

internal sealed record PluginRoleView(string Name, string Role);

/// <summary>A public client's settings: no secret (authorization code with PKCE).</summary>
internal sealed record OidcClientView(bool Enabled, string? Authority, string? ClientId, string? Scopes, string? Resource);
