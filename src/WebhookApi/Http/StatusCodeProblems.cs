using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing.Template;

namespace GitOps.WebhookApi.Http;

/// <summary>Details for the problems the framework writes without one (status code pages after routing refused a
/// request): 404 names the path, 405 the allowed methods (from <c>Allow</c>), 415 the media types the endpoint accepts.</summary>
/// <remarks>Kestrel refuses some requests before any middleware runs (a request line or header block over its limits:
/// 414, 431; a malformed request line, a control character in a header, two Host headers: 400). Those answers are
/// written by Kestrel with an empty body and cannot be shaped here; docs/COMPONENTS.md lists them.</remarks>
internal static class StatusCodeProblems
{
    public static string? Detail(HttpContext http, int status)
    {
        var request = http.Request;
        var path = Shorten(request.Path.Value ?? "/");
        return status switch
        {
            StatusCodes.Status404NotFound => $"Nothing is served at {path}; the API lives under /api/v1 (see /openapi/v1.json)",
            StatusCodes.Status405MethodNotAllowed => $"{request.Method} is not allowed on {path}; allowed: {AllowedMethods(http)}",
            StatusCodes.Status415UnsupportedMediaType =>
                $"Content-Type '{Shorten(request.ContentType ?? "(none)")}' is not accepted by {request.Method} {path}; send one of: {string.Join(", ", AcceptedTypes(http))}",
            StatusCodes.Status400BadRequest => $"The request to {request.Method} {path} could not be read",
            _ => null,
        };
    }

    private static string AllowedMethods(HttpContext http) =>
        http.Response.Headers.Allow.ToString() is { Length: > 0 } allow ? allow : "see /openapi/v1.json";

    /// <summary>The content types the endpoints at this path and method accept (from their <c>Accepts</c> metadata).</summary>
    private static IEnumerable<string> AcceptedTypes(HttpContext http)
    {
        var sources = http.RequestServices.GetServices<EndpointDataSource>();
        var types = new SortedSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var endpoint in sources.SelectMany(s => s.Endpoints).OfType<RouteEndpoint>())
        {
            if (endpoint.Metadata.GetMetadata<IHttpMethodMetadata>() is { } methods
                && !methods.HttpMethods.Contains(http.Request.Method, StringComparer.OrdinalIgnoreCase)) continue;
            if (endpoint.Metadata.GetMetadata<IAcceptsMetadata>() is not { } accepts) continue;
            var matcher = new TemplateMatcher(TemplateParser.Parse(endpoint.RoutePattern.RawText ?? ""), new RouteValueDictionary());
            if (!matcher.TryMatch(http.Request.Path, new RouteValueDictionary())) continue;
            types.UnionWith(accepts.ContentTypes);
        }
        return types.Count > 0 ? types : ["application/json"];
    }

    private static string Shorten(string text) => text.Length <= 200 ? text : text[..200] + "…";
}
