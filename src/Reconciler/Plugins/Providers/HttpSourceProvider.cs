using System.Globalization;
using System.Net.Http.Headers;

namespace GitOps.Reconciler.Plugins.Providers;

/// <summary>The <c>http</c> provider: GETs a YAML or JSON catalog of the yaml provider's shape from <c>properties.url</c>.</summary>
/// <remarks>Properties: <c>url</c> (http or https, required), <c>timeoutSeconds</c> (default 10), <c>maxBytes</c>
/// (default 10 MiB) and <c>bearerToken</c> (sent as <c>Authorization: Bearer</c>; normally <c>${secret:name}</c>). JSON is read by the same parser, since YAML 1.2 reads JSON documents.</remarks>
public sealed class HttpSourceProvider(HttpClient http, YamlLimits limits) : ISourceProvider
{
    public const int DefaultTimeoutSeconds = 10;
    public const long DefaultMaxBytes = 10 * 1024 * 1024;

    public string Type => "http";

    /// <summary>A client for the provider's lifetime: pooled connections recycled so DNS changes are seen; every
    /// connection (redirects included) goes through <paramref name="policy"/>, so loopback, link-local and metadata
    /// addresses are refused unless allowed. No proxy: a proxy would resolve the host where the policy cannot see it.</summary>
    public static HttpClient CreateClient(AddressPolicy policy) => new(new SocketsHttpHandler
    {
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        ConnectCallback = (policy ?? throw new ArgumentNullException(nameof(policy))).ConnectAsync,
        UseProxy = false,
        MaxAutomaticRedirections = 5,
    })
    {
        Timeout = Timeout.InfiniteTimeSpan, // each load sets its own timeout from properties.timeoutSeconds
    };

    public bool SupportsSourceRefresh => true;

    public async Task<SourceLoadResult> LoadAsync(SourceLoadRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var properties = request.Source.Properties;
        if (HttpSourceUrl.Problem(properties.GetValueOrDefault(HttpSourceUrl.Property)) is { } urlProblem)
            return SourceLoadResult.Failed.Because($"properties.{HttpSourceUrl.Property} {urlProblem}");
        var uri = new Uri((string)properties[HttpSourceUrl.Property]!, UriKind.Absolute);
        var timeout = Number(properties.GetValueOrDefault("timeoutSeconds"), DefaultTimeoutSeconds);
        if (timeout is not > 0) return SourceLoadResult.Failed.Because("properties.timeoutSeconds must be a positive number");
        var maxBytes = Number(properties.GetValueOrDefault("maxBytes"), DefaultMaxBytes);
        if (maxBytes is not >= 1) return SourceLoadResult.Failed.Because("properties.maxBytes must be a positive number");

        // Diagnostics name the URL without user info or query, which may carry credentials.
        var shown = uri.GetComponents(UriComponents.SchemeAndServer | UriComponents.Path, UriFormat.UriEscaped);
        using var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeoutSource.CancelAfter(TimeSpan.FromSeconds(timeout));
        try
        {
            using var message = new HttpRequestMessage(HttpMethod.Get, uri);
            message.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/yaml"));
            message.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
            message.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("*/*", 0.5));
            if (properties.GetValueOrDefault("bearerToken") is string { Length: > 0 } token)
                message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            using var response = await http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, timeoutSource.Token);
            if (!response.IsSuccessStatusCode)
                return SourceLoadResult.Failed.Because($"GET {shown} answered {(int)response.StatusCode} {response.ReasonPhrase}", shown);
            if (response.Content.Headers.ContentLength > (long)maxBytes)
                return TooLarge(shown, (long)maxBytes);
            var body = await ReadLimitedAsync(response.Content, (long)maxBytes, timeoutSource.Token);
            if (body is null) return TooLarge(shown, (long)maxBytes);
            return SourceLoadResult.From(CatalogParser.Parse(shown, body, limits with { MaxBytes = Math.Max(limits.MaxBytes, (long)maxBytes) }));
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return SourceLoadResult.Failed.Because($"GET {shown} timed out after {timeout.ToString(CultureInfo.InvariantCulture)} s", shown);
        }
        catch (HttpRequestException ex)
        {
            return SourceLoadResult.Failed.Because($"GET {shown} failed: {ex.Message}", shown);
        }
    }

    private static SourceLoadResult TooLarge(string shown, long maxBytes) =>
        SourceLoadResult.Failed.Because($"GET {shown}: the catalog is larger than the limit of {maxBytes} bytes (properties.maxBytes)", shown);

    private static async Task<byte[]?> ReadLimitedAsync(HttpContent content, long maxBytes, CancellationToken cancellationToken)
    {
        await using var stream = await content.ReadAsStreamAsync(cancellationToken);
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await stream.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > maxBytes) return null;
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }

    private static double Number(object? value, double fallback) => value switch
    {
        null => fallback,
        long l => l,
        double d => d,
        string s when double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) => parsed,
        _ => double.NaN,
    };
}
