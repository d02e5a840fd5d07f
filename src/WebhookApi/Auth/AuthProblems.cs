using Microsoft.AspNetCore.Mvc;

namespace GitOps.WebhookApi.Auth;

/// <summary>The 401 and 403 answers of both schemes, as problem details. A 401 names the failed check (<c>check</c>:
/// <c>expired</c>, <c>audience</c>, …) and never echoes the token.</summary>
internal static class AuthProblems
{
    public const string TokenHelp = "send 'Authorization: Bearer <token>': a static token (on the embedded default, an admin token is in admin.token in the data directory, GitOps:Repository:Path) or a JWT from the configured OpenID provider";

    public static Task Unauthorized(HttpContext http, TokenCheck? failed)
    {
        http.Response.Headers.WWWAuthenticate = failed is null ? "Bearer" : $"Bearer error=\"invalid_token\", error_description=\"{failed.Check}\"";
        var detail = failed is null ? $"A valid bearer token is required: {TokenHelp}" : $"The bearer token was refused: {failed.Reason}";
        var extensions = failed is null ? null : new Dictionary<string, object?> { ["check"] = failed.Check };
        return WriteAsync(http, StatusCodes.Status401Unauthorized, ProblemTypes.Unauthorized, "Unauthorized", detail, extensions);
    }

    public static Task Forbidden(HttpContext http)
    {
        var grants = PluginScope.Of(http).Grants;
        var held = grants.Length == 0 ? "no grant" : string.Join("; ", grants);
        return WriteAsync(http, StatusCodes.Status403Forbidden, ProblemTypes.Forbidden, "Forbidden", $"Your grants ({held}) do not allow this");
    }

    private static async Task WriteAsync(HttpContext http, int status, string type, string title, string detail, IDictionary<string, object?>? extensions = null)
    {
        http.Response.StatusCode = status;
        var problem = new ProblemDetails { Status = status, Type = type, Title = title, Detail = detail };
        foreach (var (key, value) in extensions ?? new Dictionary<string, object?>()) problem.Extensions[key] = value;
        await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext { HttpContext = http, ProblemDetails = problem });
    }
}

/// <summary>Which check refused a token (a stable slug for clients) and a sentence for people; never the token itself.</summary>
internal sealed record TokenCheck(string Check, string Reason);
