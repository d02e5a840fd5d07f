using GraphQL;

namespace GitOps.WebhookApi.Graph;

/// <summary>The GraphQL side of the REST problem types: one stable <c>extensions.code</c> per problem type, with the same
/// extra members (<c>currentHead</c>, <c>expectedHead</c>, <c>errors</c>, <c>retryAfterSeconds</c>).</summary>
internal static class GraphErrors
{
    public const string HeadMoved = "HEAD_MOVED";
    public const string ValidationFailed = "VALIDATION_FAILED";
    public const string Forbidden = "FORBIDDEN";
    public const string Unauthenticated = "UNAUTHENTICATED";
    public const string NotFound = "NOT_FOUND";
    public const string RateLimited = "RATE_LIMITED";
    public const string StoreUnavailable = "STORE_UNAVAILABLE";
    public const string BadRequest = "BAD_REQUEST";

    private static readonly Dictionary<string, string> Codes = new(StringComparer.Ordinal)
    {
        [ProblemTypes.HeadMoved] = HeadMoved,
        [ProblemTypes.ValidationFailed] = ValidationFailed,
        [ProblemTypes.Forbidden] = Forbidden,
        [ProblemTypes.Unauthorized] = Unauthenticated,
        [ProblemTypes.NotFound] = NotFound,
        [ProblemTypes.RateLimited] = RateLimited,
        [ProblemTypes.StoreUnavailable] = StoreUnavailable,
        // A full or read-only data directory (REST 507 / 503): the store cannot take writes; extensions.type tells which.
        [ProblemTypes.InsufficientStorage] = StoreUnavailable,
        [ProblemTypes.StorageReadOnly] = StoreUnavailable,
        [ProblemTypes.BadRequest] = BadRequest,
        [ProblemTypes.AlreadyExists] = "ALREADY_EXISTS",
        [ProblemTypes.Conflict] = "CONFLICT",
        [ProblemTypes.PayloadTooLarge] = "PAYLOAD_TOO_LARGE",
        [ProblemTypes.UnsupportedMediaType] = "UNSUPPORTED_MEDIA_TYPE",
        [ProblemTypes.IfMatchRequired] = "EXPECTED_HEAD_REQUIRED",
    };

    /// <summary>The value of a successful result of a shared REST read or action; a problem result becomes a GraphQL error.</summary>
    public static T Value<T>(IResult result) => result switch
    {
        INestedHttpResult typed => Value<T>(typed.Result),
        IValueHttpResult { Value: T value } => value,
        ProblemHttpResult problem => throw From(problem),
        _ => throw new InvalidOperationException($"unexpected result {result.GetType().Name} where {typeof(T).Name} was expected"),
    };

    public static ExecutionError From(IResult result) =>
        result is ProblemHttpResult problem ? From(problem) : throw new InvalidOperationException($"not a problem: {result.GetType().Name}");

    private static ExecutionError From(ProblemHttpResult problem)
    {
        var details = problem.ProblemDetails;
        var error = new ExecutionError(details.Detail ?? details.Title ?? "request refused")
        {
            Code = CodeOf(details.Type),
        };
        error.AddExtension("status", problem.StatusCode);
        error.AddExtension("type", details.Type);
        foreach (var (key, value) in details.Extensions) error.AddExtension(key, value);
        return error;
    }

    /// <summary>The code for a problem type: the table above, else the type's slug in upper snake case
    /// (<c>urn:gitops:problem:confirmation-required</c> → <c>CONFIRMATION_REQUIRED</c>), so no REST problem becomes INTERNAL.</summary>
    public static string CodeOf(string? type) =>
        Codes.GetValueOrDefault(type ?? "") ?? (type is not null && type.StartsWith(ProblemTypes.Prefix, StringComparison.Ordinal) && type.Length > ProblemTypes.Prefix.Length
            ? type[ProblemTypes.Prefix.Length..].Replace('-', '_').ToUpperInvariant()
            : "INTERNAL");

    public static ExecutionError Create(string code, string message)
    {
        var error = new ExecutionError(message) { Code = code };
        return error;
    }
}
