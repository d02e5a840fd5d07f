using System.Security.Claims;
using System.Text.Encodings.Web;
using GitOps.WebhookApi.Http;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace GitOps.WebhookApi.Auth;

/// <summary><c>Authorization: Bearer &lt;token&gt;</c> against <see cref="TokenRegistry"/>; 401 and 403 answer as problem details.</summary>
internal sealed class BearerTokenHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory loggerFactory,
    UrlEncoder encoder,
    TokenRegistry tokens,
    IProblemDetailsService problems) : AuthenticationHandler<AuthenticationSchemeOptions>(options, loggerFactory, encoder)
{
    public const string SchemeName = "Bearer";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (tokens.Mode == AuthMode.None) return Task.FromResult(Success(new Caller("anonymous", Roles.Admin)));
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) return Task.FromResult(AuthenticateResult.NoResult());
        var caller = tokens.Find(header["Bearer ".Length..].Trim());
        return Task.FromResult(caller is null ? AuthenticateResult.Fail("unknown token") : Success(caller));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.Headers.WWWAuthenticate = "Bearer";
        return WriteAsync(StatusCodes.Status401Unauthorized, ProblemTypes.Unauthorized, "Unauthorized",
            "A valid bearer token is required: send 'Authorization: Bearer <token>' (on the embedded default, an admin token is in admin.token in the data directory, GitOps:Repository:Path)");
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        WriteAsync(StatusCodes.Status403Forbidden, ProblemTypes.Forbidden, "Forbidden",
            $"The role '{Context.User.FindFirstValue(ClaimTypes.Role)}' may not do this");

    private AuthenticateResult Success(Caller caller)
    {
        var identity = new ClaimsIdentity(
            [new Claim(ClaimTypes.Name, caller.Name), new Claim(ClaimTypes.Role, caller.Role)],
            SchemeName, ClaimTypes.Name, ClaimTypes.Role);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    private async Task WriteAsync(int status, string type, string title, string detail)
    {
        Response.StatusCode = status;
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = Context,
            ProblemDetails = new ProblemDetails { Status = status, Type = type, Title = title, Detail = detail },
        });
    }
}
