namespace GitOps.Cli.Http;

/// <summary>One HTTP answer, read in full: status, the head from the ETag, and the body as text.</summary>
/// <param name="Outcome">The server's <c>X-Change-Outcome</c> header on a change (<c>committed</c> or <c>unchanged</c>), or null.</param>
internal sealed record ApiResponse(int Status, string? ETag, Uri? Location, string? MediaType, string Body, string? Outcome = null)
{
    public bool IsSuccess => Status is >= 200 and < 300;

    /// <summary>The head sha the ETag names (quotes removed), or null.</summary>
    public string? Head => ETag?.Trim().TrimStart('W', '/').Trim('"') is { Length: > 0 } head ? head : null;

    public bool IsJson => MediaType is not null && (MediaType.EndsWith("/json", StringComparison.OrdinalIgnoreCase) || MediaType.EndsWith("+json", StringComparison.OrdinalIgnoreCase));

    /// <summary>The body parsed as JSON, or null when it is empty or not JSON.</summary>
    public JsonNode? Json()
    {
        if (Body.Length == 0) return null;
        try
        {
            return JsonNode.Parse(Body);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
