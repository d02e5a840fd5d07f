using Microsoft.Net.Http.Headers;

namespace GitOps.WebhookApi.Http;

/// <summary>A request body read and checked, or the problem to answer with.</summary>
internal sealed record ParsedBody<T>(T? Value, ProblemHttpResult? Problem)
{
    public static ParsedBody<T> Fail(ProblemHttpResult problem) => new(default, problem);
}

/// <summary>Reads request bodies with the API's rules: the media type must be one accepted (415), at most
/// <see cref="ApiLimits.MaxBodyBytes"/> (413), and JSON must parse (400 saying where).</summary>
internal static class RequestBody
{
    public static readonly string[] Json = ["application/json"];
    public static readonly string[] MergePatch = ["application/merge-patch+json", "application/json"];
    public static readonly string[] Yaml = ["application/yaml", "application/x-yaml", "text/yaml", "text/x-yaml"];

    public static async Task<ParsedBody<T>> ReadJsonAsync<T>(HttpRequest request, string[] mediaTypes, CancellationToken cancellationToken)
    {
        var raw = await ReadRawAsync(request, mediaTypes, cancellationToken);
        if (raw.Problem is not null) return ParsedBody<T>.Fail(raw.Problem);
        var parsed = ParseJson<T>(raw.Value);
        return parsed;
    }

    public static ParsedBody<T> ParseJson<T>(ReadOnlyMemory<byte> body)
    {
        if (body.IsEmpty) return ParsedBody<T>.Fail(Problems.BadRequest("The request body is empty; a JSON document is required"));
        if (!System.Text.Unicode.Utf8.IsValid(body.Span))
            return ParsedBody<T>.Fail(Problems.BadRequest("The request body is not valid UTF-8; JSON must be UTF-8 encoded"));
        try
        {
            using (var document = JsonDocument.Parse(body, DocumentOptions))
            {
                var shape = typeof(T) == typeof(JsonElement) || typeof(T) == typeof(System.Text.Json.Nodes.JsonNode) ? null : ApiJson.Options.GetTypeInfo(typeof(T));
                var errors = JsonBodyRules.Check(document.RootElement, shape);
                if (errors.Length > 0) return ParsedBody<T>.Fail(Problems.InvalidRequest(errors));
            }
            var value = JsonSerializer.Deserialize<T>(body.Span, ApiJson.Options);
            return value is null
                ? ParsedBody<T>.Fail(Problems.BadRequest("The request body is JSON null; an object is required"))
                : new ParsedBody<T>(value, null);
        }
        catch (JsonException ex)
        {
            var line = (ex.LineNumber ?? 0) + 1;
            var column = (ex.BytePositionInLine ?? 0) + 1;
            var path = ex.Path ?? "$";
            return ParsedBody<T>.Fail(Problems.BadRequest(
                $"Malformed JSON at line {line}, column {column} (path {path}): {FirstSentence(ex.Message)}",
                new Dictionary<string, object?> { ["line"] = line, ["column"] = column, ["path"] = path }));
        }
    }

    /// <summary>Depth as the serializer allows it (64), so a deep document gets the same 400 either way.</summary>
    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = 64 };

    public static async Task<ParsedBody<ReadOnlyMemory<byte>>> ReadRawAsync(HttpRequest request, string[] mediaTypes, CancellationToken cancellationToken)
    {
        if (!Accepts(request.ContentType, mediaTypes))
            return ParsedBody<ReadOnlyMemory<byte>>.Fail(Problems.UnsupportedMediaType(request.ContentType, mediaTypes));
        return await BoundedBody.ReadAsync(request, ApiLimits.MaxBodyBytes, cancellationToken) is BodyRead.Complete complete
            ? new ParsedBody<ReadOnlyMemory<byte>>(complete.Content, null)
            : ParsedBody<ReadOnlyMemory<byte>>.Fail(Problems.PayloadTooLarge());
    }

    /// <summary>A JSON body that may be left out: no body at all (no content type, nothing sent) reads as a null value;
    /// any body is read as <see cref="ReadJsonAsync{T}"/> reads it.</summary>
    public static async Task<ParsedBody<System.Text.Json.Nodes.JsonNode?>> ReadOptionalJsonAsync(HttpRequest request, string[] mediaTypes, CancellationToken cancellationToken)
    {
        if (request.ContentType is null && request.ContentLength is null or 0)
        {
            if (await BoundedBody.ReadAsync(request, ApiLimits.MaxBodyBytes, cancellationToken) is not BodyRead.Complete complete)
                return ParsedBody<System.Text.Json.Nodes.JsonNode?>.Fail(Problems.PayloadTooLarge());
            if (complete.Content.IsEmpty) return new ParsedBody<System.Text.Json.Nodes.JsonNode?>(null, null);
            return ParsedBody<System.Text.Json.Nodes.JsonNode?>.Fail(Problems.UnsupportedMediaType(request.ContentType, mediaTypes));
        }
        var read = await ReadJsonAsync<System.Text.Json.Nodes.JsonNode>(request, mediaTypes, cancellationToken);
        return new ParsedBody<System.Text.Json.Nodes.JsonNode?>(read.Value, read.Problem);
    }

    private static bool Accepts(string? contentType, string[] mediaTypes) =>
        MediaTypeHeaderValue.TryParse(contentType, out var parsed)
        && mediaTypes.Any(m => string.Equals(parsed.MediaType.Value, m, StringComparison.OrdinalIgnoreCase));

    private static string FirstSentence(string message)
    {
        var end = message.IndexOf(". ", StringComparison.Ordinal);
        return end > 0 ? message[..(end + 1)] : message;
    }
}
