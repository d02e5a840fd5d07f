using GraphQL;
using GraphQL.Transport;
using Microsoft.Net.Http.Headers;

namespace GitOps.WebhookApi.Graph;

/// <summary>A GraphQL-over-HTTP request read, or the refusal (status, code, message) to answer with.</summary>
internal sealed record GraphRequestRead(GraphQLRequest? Request, int Status = 200, string? Code = null, string? Message = null);

/// <summary>Reads a request the GraphQL-over-HTTP way: GET with <c>query</c>, <c>operationName</c>, <c>variables</c> and
/// <c>extensions</c> in the query string, or POST with an <c>application/json</c> body; both within the size limit.</summary>
internal static class GraphRequestReader
{
    public const string RequestSizeLimit = "REQUEST_SIZE_LIMIT";

    public static async Task<GraphRequestRead> ReadAsync(HttpContext http, GraphSerializer serializer, GraphOptions options)
    {
        var request = http.Request;
        if (HttpMethods.IsGet(request.Method))
        {
            if (request.QueryString.Value?.Length > options.MaxRequestBytes) return TooLarge(options);
            try
            {
                return new GraphRequestRead(new GraphQLRequest
                {
                    Query = request.Query["query"].ToString(),
                    OperationName = NullIfEmpty(request.Query["operationName"].ToString()),
                    Variables = NullIfEmpty(request.Query["variables"].ToString()) is { } v ? serializer.Deserialize<Inputs>(v) : null,
                    Extensions = NullIfEmpty(request.Query["extensions"].ToString()) is { } e ? serializer.Deserialize<Inputs>(e) : null,
                });
            }
            catch (Exception ex) when (ex is JsonException or InvalidOperationException)
            {
                return new GraphRequestRead(null, 400, GraphErrors.BadRequest, $"'variables' or 'extensions' is not a JSON object: {ex.Message}");
            }
        }

        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var type) || !string.Equals(type.MediaType.Value, "application/json", StringComparison.OrdinalIgnoreCase))
            return new GraphRequestRead(null, 415, "UNSUPPORTED_MEDIA_TYPE", $"Content-Type '{request.ContentType ?? "(none)"}' is not accepted; POST application/json");
        if (await BoundedBody.ReadAsync(request, options.MaxRequestBytes, http.RequestAborted) is not BodyRead.Complete complete) return TooLarge(options);
        try
        {
            // Parsed from its UTF-8 bytes (no copy of the body as a string).
            var body = JsonSerializer.Deserialize<GraphQLRequest>(complete.Content.Span, serializer.Options);
            return body is null
                ? new GraphRequestRead(null, 400, GraphErrors.BadRequest, "The body must be a JSON object with 'query'")
                : new GraphRequestRead(body);
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or FormatException)
        {
            return new GraphRequestRead(null, 400, GraphErrors.BadRequest, $"The body is not a GraphQL request in JSON: {ex.Message}");
        }
    }

    private static GraphRequestRead TooLarge(GraphOptions options) =>
        new(null, 413, RequestSizeLimit, $"The request is larger than the request size limit ({options.MaxRequestBytes} bytes)");

    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;
}
