using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;

namespace GitOps.WebhookApi.Auth;

/// <summary>Static tokens: <c>Authorization: Bearer &lt;token&gt;</c> against <see cref="TokenRegistry"/>; 401 and 403 answer as problem details.</summary>
internal sealed class BearerTokenHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory loggerFactory,
    UrlEncoder encoder,
    TokenRegistry tokens) : AuthenticationHandler<AuthenticationSchemeOptions>(options, loggerFactory, encoder)
{
    public const string SchemeName = "Token";

    private static readonly TokenCheck Unknown = new("unknown-token", "it is neither a configured static token nor a JWT");

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (tokens.Mode == AuthMode.None) return Task.FromResult(Success(TokenRegistry.Anonymous));
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) return Task.FromResult(AuthenticateResult.NoResult());
        var caller = tokens.Find(header["Bearer ".Length..].Trim());
        return Task.FromResult(caller is null ? AuthenticateResult.Fail(Unknown.Reason) : Success(caller));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties) =>
        AuthProblems.Unauthorized(Context, Request.Headers.Authorization.Count > 0 ? Unknown : null);

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) => AuthProblems.Forbidden(Context);

    private AuthenticateResult Success(Caller caller)
    {
        var grant = new Grant(caller.Role, caller.Plugins, $"token {caller.Name}");
        var identity = new ClaimsIdentity(
            [new Claim(ClaimTypes.Name, caller.Name), new Claim(ClaimTypes.Role, caller.Role), grant.ToClaim(), new Claim(CallerKinds.ClaimType, CallerKinds.Token)],
            SchemeName, ClaimTypes.Name, ClaimTypes.Role);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }
}

/// <summary>How a caller authenticated, for <c>/me</c> and the audit event.</summary>
internal static class CallerKinds
{
    public const string ClaimType = "gitops:kind";
    public const string Token = "token";
    public const string Oidc = "oidc";
}
