namespace GitOps.WebhookApi.Auth;

/// <summary>Options of API authentication (section <c>GitOps:Auth</c>, DESIGN §7). Validated by <see cref="AuthOptionsValidator"/>.</summary>
internal sealed class AuthOptions
{
    public const string SectionName = "GitOps:Auth";

    /// <summary>Configured tokens. When empty in <see cref="AuthMode.Tokens"/> mode, an admin token is created in
    /// <c>{Repository:Path}/admin.token</c> on first start.</summary>
    public List<TokenOptions> Tokens { get; set; } = [];

    public AuthMode Mode { get; set; } = AuthMode.Tokens;

    /// <summary>Single sign-on: JWTs from an OpenID provider, beside the static tokens (docs/OPERATIONS.md).</summary>
    public OidcOptions Oidc { get; set; } = new();
}

internal sealed class TokenOptions
{
    /// <summary>The caller's name; becomes the commit author <c>{Name} &lt;{Name}@gitops.local&gt;</c>.</summary>
    public string Name { get; set; } = "";

    /// <summary><c>viewer</c>, <c>operator</c> or <c>admin</c>.</summary>
    public string Role { get; set; } = "";

    /// <summary>Lowercase hex SHA-256 of the token (the token itself is never configured).</summary>
    public string Sha256 { get; set; } = "";

    /// <summary>Plugin name patterns the role applies to (<c>models</c>, <c>team-a-*</c>); unset means every plugin (<c>*</c>),
    /// so configurations written before grants existed keep their meaning.</summary>
    public string[]? Plugins { get; set; }
}
