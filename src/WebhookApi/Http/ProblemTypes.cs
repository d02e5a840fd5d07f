namespace GitOps.WebhookApi.Http;

/// <summary>The stable problem <c>type</c> URIs (<c>urn:gitops:problem:&lt;slug&gt;</c>) clients switch on.</summary>
internal static class ProblemTypes
{
    public const string Prefix = "urn:gitops:problem:";

    public const string BadRequest = Prefix + "bad-request";
    public const string Unauthorized = Prefix + "unauthorized";
    public const string Forbidden = Prefix + "forbidden";
    public const string NotFound = Prefix + "not-found";
    public const string HeadMoved = Prefix + "head-moved";
    public const string AlreadyExists = Prefix + "already-exists";
    public const string Conflict = Prefix + "conflict";
    public const string ConfirmationRequired = Prefix + "confirmation-required";
    public const string PayloadTooLarge = Prefix + "payload-too-large";
    public const string UnsupportedMediaType = Prefix + "unsupported-media-type";
    public const string ValidationFailed = Prefix + "validation-failed";
    public const string IfMatchRequired = Prefix + "if-match-required";
    public const string RateLimited = Prefix + "rate-limited";
    public const string StoreUnavailable = Prefix + "store-unavailable";
    public const string InsufficientStorage = Prefix + "insufficient-storage";
    public const string StorageReadOnly = Prefix + "storage-read-only";
    public const string Internal = Prefix + "internal";
    public const string MethodNotAllowed = Prefix + "method-not-allowed";

    /// <summary>The type for a problem written without one (status code pages, framework errors).</summary>
    public static string ForStatus(int status) => status switch
    {
        400 => BadRequest,
        401 => Unauthorized,
        403 => Forbidden,
        404 => NotFound,
        405 => MethodNotAllowed,
        409 => Conflict,
        413 => PayloadTooLarge,
        415 => UnsupportedMediaType,
        422 => ValidationFailed,
        428 => IfMatchRequired,
        429 => RateLimited,
        503 => StoreUnavailable,
        507 => InsufficientStorage,
        >= 500 => Internal,
        _ => Prefix + $"http-{status}",
    };
}
