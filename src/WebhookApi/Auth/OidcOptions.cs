namespace GitOps.WebhookApi.Auth;

/// <summary>Options of single sign-on (section <c>GitOps:Auth:Oidc</c>): bearer JWTs from an OpenID provider, discovered
/// from <see cref="Authority"/>. Off while <see cref="Authority"/> is empty. Validated by <see cref="AuthOptionsValidator"/>.</summary>
internal sealed class OidcOptions
{
    /// <summary>The issuer URL; its <c>/.well-known/openid-configuration</c> names the JWKS.</summary>
    public string Authority { get; set; } = "";

    /// <summary>The <c>aud</c> a token must carry (the API's resource identifier).</summary>
    public string Audience { get; set; } = "";

    /// <summary>The claim listing the person's groups, which <see cref="Grants"/> map to roles.</summary>
    public string RolesClaim { get; set; } = "groups";

    /// <summary>False only for a loopback issuer in tests or development.</summary>
    public bool RequireHttpsMetadata { get; set; } = true;

    /// <summary>The least time between two JWKS refreshes asked for by an unknown <c>kid</c> (the first is never delayed).</summary>
    public TimeSpan JwksRefreshInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>The web UI's public client (authorization code with PKCE; no secret). Empty: the UI offers no SSO login.</summary>
    public string ClientId { get; set; } = "";

    /// <summary>Scopes the web UI asks for.</summary>
    public string Scopes { get; set; } = "openid profile email";

    /// <summary>The resource indicator the UI asks its access token for (RFC 8707); empty: none is sent.</summary>
    public string Resource { get; set; } = "";

    /// <summary>Group → role on plugin patterns. A person in no listed group is authenticated with no grant: they see nothing.</summary>
    public List<OidcGrantOptions> Grants { get; set; } = [];

    public bool Enabled => Authority.Length > 0;
}

internal sealed class OidcGrantOptions
{
    /// <summary>A value of the roles claim, e.g. <c>team-a</c> or <c>datasource:admin</c>.</summary>
    public string Group { get; set; } = "";

    /// <summary><c>viewer</c>, <c>operator</c> or <c>admin</c>.</summary>
    public string Role { get; set; } = "";

    /// <summary>Plugin name patterns; unset means every plugin.</summary>
    public string[]? Plugins { get; set; }
}
