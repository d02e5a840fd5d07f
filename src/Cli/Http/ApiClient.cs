using System.Net.Http.Headers;
using System.Text;

namespace GitOps.Cli.Http;

/// <summary>Talks to <c>{server}/api/v1/</c> with the bearer token. Answers are returned whatever their status;
/// only transport failures (refused, timed out) throw.</summary>
internal sealed class ApiClient : IDisposable
{
    public const string MergePatchMediaType = "application/merge-patch+json";
    public const string YamlMediaType = "application/yaml";

    /// <summary>Says whether a change wrote a commit (<c>committed</c>) or found the configuration already as asked (<c>unchanged</c>).</summary>
    public const string OutcomeHeader = "X-Change-Outcome";

    private readonly HttpClient _http;

    public ApiClient(Uri server, string? token, TimeSpan timeout)
    {
        var root = server.AbsoluteUri.TrimEnd('/');
        // A reason written in any language travels as UTF-8 rather than failing the request on the client.
        var handler = new SocketsHttpHandler { RequestHeaderEncodingSelector = (_, _) => Encoding.UTF8 };
        _http = new HttpClient(handler, disposeHandler: true) { BaseAddress = new Uri(root + "/api/v1/"), Timeout = timeout };
        _http.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("gitops-cli", "1.0"));
        if (token is not null) _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
    }

    /// <summary>The draft every change is sent to (<c>?draft=</c> on each request that is not a GET), or null.</summary>
    public string? Draft { get; init; }

    public Task<ApiResponse> GetAsync(string path, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Get, path, null, null, null, cancellationToken);

    public Task<ApiResponse> SendJsonAsync(HttpMethod method, string path, JsonNode? body, string? ifMatch, string? reason, CancellationToken cancellationToken, string mediaType = "application/json")
    {
        var content = body is null ? null : new StringContent(body.ToJsonString(), Encoding.UTF8, mediaType);
        return SendAsync(method, path, content, ifMatch, reason, cancellationToken);
    }

    public async Task<ApiResponse> SendAsync(HttpMethod method, string path, HttpContent? content, string? ifMatch, string? reason, CancellationToken cancellationToken)
    {
        if (Draft is not null && method != HttpMethod.Get) path += $"{(path.Contains('?', StringComparison.Ordinal) ? '&' : '?')}draft={Segment(Draft)}";
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative)) { Content = content };
        if (ifMatch is not null) request.Headers.TryAddWithoutValidation("If-Match", ifMatch == "*" ? "*" : $"\"{ifMatch.Trim('"')}\"");
        if (reason is not null) request.Headers.TryAddWithoutValidation("X-Change-Reason", reason);
        using var response = await _http.SendAsync(request, cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        var location = response.Headers.Location;
        return new ApiResponse(
            (int)response.StatusCode,
            response.Headers.ETag?.ToString(),
            location,
            response.Content.Headers.ContentType?.MediaType,
            body,
            response.Headers.TryGetValues(OutcomeHeader, out var outcome) ? outcome.FirstOrDefault() : null);
    }

    public void Dispose() => _http.Dispose();

    /// <summary>Escapes one path segment (a plugin name, source id, file name or sha).</summary>
    public static string Segment(string value) => Uri.EscapeDataString(value);
}
