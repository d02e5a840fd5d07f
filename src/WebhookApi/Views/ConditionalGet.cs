namespace GitOps.WebhookApi.Views;

/// <summary><c>If-None-Match</c> on the cached read views (RFC 9110 §13.1.2: weak comparison; <c>*</c> matches any
/// current representation). The ETag stays the head sha (<see cref="EntityTags"/>); when it alone cannot name the
/// representation (its status changed under the same head) the views answer 200 instead (docs/READ-VIEWS.md).</summary>
internal static class ConditionalGet
{
    public static IResult NotModified { get; } = TypedResults.StatusCode(StatusCodes.Status304NotModified);

    /// <summary>What a caller may read depends on their token: a cache (a browser's) must not answer one caller's
    /// revalidation with another caller's stored body.</summary>
    public static void VaryByCaller(HttpContext http) => http.Response.Headers.Vary = "Authorization";

    /// <summary>Whether the request's If-None-Match names <paramref name="head"/>'s entity tag (or is <c>*</c>).</summary>
    public static bool NoneMatch(HttpContext http, string head)
    {
        var header = http.Request.Headers.IfNoneMatch;
        if (header.Count == 0) return false;
        var tag = EntityTags.Format(head);
        foreach (var value in header)
            foreach (var item in (value ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                if (item == "*") return true;
                var opaque = item.StartsWith("W/", StringComparison.Ordinal) ? item[2..] : item;
                if (opaque == tag) return true;
            }
        return false;
    }
}

/// <summary>A 200 answer whose JSON body is already serialised (UTF-8).</summary>
internal sealed class JsonBytes(byte[] body) : IResult
{
    public Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "application/json; charset=utf-8";
        response.ContentLength = body.Length;
        return response.Body.WriteAsync(body, httpContext.RequestAborted).AsTask();
    }
}
