namespace GitOps.WebhookApi.Http;

/// <summary>Builds RFC 9457 problem results; <see cref="ProblemDetailsSetup"/> adds <c>instance</c> and <c>requestId</c>.</summary>
internal static class Problems
{
    public static ProblemHttpResult Create(int status, string type, string title, string detail, IDictionary<string, object?>? extensions = null) =>
        TypedResults.Problem(detail: detail, statusCode: status, title: title, type: type, extensions: extensions);

    public static ProblemHttpResult BadRequest(string detail, IDictionary<string, object?>? extensions = null) =>
        Create(StatusCodes.Status400BadRequest, ProblemTypes.BadRequest, "Bad request", detail, extensions);

    public static ProblemHttpResult NotFound(string detail) =>
        Create(StatusCodes.Status404NotFound, ProblemTypes.NotFound, "Not found", detail);

    /// <summary>429 with <c>Retry-After</c> in whole seconds and the same number as <c>retryAfterSeconds</c>.</summary>
    public static ProblemHttpResult RateLimited(HttpContext context, string detail, int retryAfterSeconds)
    {
        context.Response.Headers.RetryAfter = retryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return Create(StatusCodes.Status429TooManyRequests, ProblemTypes.RateLimited, "Too many refreshes", detail,
            new Dictionary<string, object?> { ["retryAfterSeconds"] = retryAfterSeconds });
    }

    public static ProblemHttpResult Forbidden(string detail) =>
        Create(StatusCodes.Status403Forbidden, ProblemTypes.Forbidden, "Forbidden", detail);

    public static ProblemHttpResult PayloadTooLarge() =>
        Create(StatusCodes.Status413PayloadTooLarge, ProblemTypes.PayloadTooLarge, "Payload too large",
            $"The request body is larger than {ApiLimits.MaxBodyBytes} bytes");

    public static ProblemHttpResult UnsupportedMediaType(string? given, IEnumerable<string> accepted) =>
        Create(StatusCodes.Status415UnsupportedMediaType, ProblemTypes.UnsupportedMediaType, "Unsupported media type",
            $"Content-Type '{given ?? "(none)"}' is not accepted here; send one of: {string.Join(", ", accepted)}");

    /// <summary>422 for a request body that breaks a field rule (<see cref="JsonBodyRules"/>); nothing was written.</summary>
    public static ProblemHttpResult InvalidRequest(IEnumerable<GitOps.Reconciler.Configuration.ValidationError> errors)
    {
        var list = errors.ToArray();
        return Create(StatusCodes.Status422UnprocessableEntity, ProblemTypes.ValidationFailed, "Validation failed",
            $"The request body is invalid ({string.Join("; ", list.Select(e => $"{e.Field}: {e.Message}"))}); nothing was written",
            new Dictionary<string, object?>
            {
                ["errors"] = list.Select(e => new { file = e.File, line = e.Line, column = e.Column, field = e.Field, message = e.Message }).ToArray(),
            });
    }

    public static ProblemHttpResult ValidationFailed(IEnumerable<GitOps.Reconciler.Configuration.ValidationError> errors) =>
        Create(StatusCodes.Status422UnprocessableEntity, ProblemTypes.ValidationFailed, "Validation failed",
            "The change would make the configuration invalid; nothing was written",
            new Dictionary<string, object?>
            {
                ["errors"] = errors.Select(e => new { file = e.File, line = e.Line, column = e.Column, field = e.Field, message = e.Message }).ToArray(),
            });
}
