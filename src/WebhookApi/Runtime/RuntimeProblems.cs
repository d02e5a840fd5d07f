namespace GitOps.WebhookApi.Runtime;

/// <summary>ProblemDetails answers of the runtime endpoints, with the stable <c>type</c> URIs of the API.</summary>
internal static class RuntimeProblems
{
    public static IResult NotFound(string detail) =>
        Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: detail, type: "urn:gitops:problem:not-found");

    public static IResult BadRequest(string detail) =>
        Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Bad request", detail: detail, type: "urn:gitops:problem:bad-request");

    /// <summary>429 with <c>Retry-After</c> in whole seconds and the same number as <c>retryAfterSeconds</c>.</summary>
    public static IResult RateLimited(HttpContext context, string detail, int retryAfterSeconds)
    {
        context.Response.Headers.RetryAfter = retryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return Results.Problem(
            statusCode: StatusCodes.Status429TooManyRequests,
            title: "Too many refreshes",
            detail: detail,
            type: "urn:gitops:problem:rate-limited",
            extensions: new Dictionary<string, object?> { ["retryAfterSeconds"] = retryAfterSeconds });
    }
}
