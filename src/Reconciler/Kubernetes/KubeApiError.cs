using System.Globalization;
using System.Net;
using System.Text.Json;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace GitOps.Reconciler.Kubernetes;

/// <summary>Classifies the exceptions KubernetesClient throws for API server answers and transport failures.</summary>
internal static class KubeApiError
{
    /// <summary>True for failures of the API server or the network, as opposed to bugs and our own cancellation.</summary>
    public static bool IsApiFailure(Exception e, CancellationToken cancellationToken) => e switch
    {
        HttpOperationException or KubernetesException or HttpRequestException or IOException or JsonException => true,
        OperationCanceledException => !cancellationToken.IsCancellationRequested, // an HTTP timeout, not our cancellation
        _ => false,
    };

    public static HttpStatusCode? StatusCode(Exception e) => (e as HttpOperationException)?.Response?.StatusCode;

    /// <summary>The Retry-After of a 429 answer, when it gave one in seconds.</summary>
    public static TimeSpan? RetryAfter(Exception e)
    {
        if (e is not HttpOperationException { Response: { } response }) return null;
        if (!response.Headers.TryGetValue("Retry-After", out var values)) return null;
        return int.TryParse(values.FirstOrDefault(), NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            ? TimeSpan.FromSeconds(seconds) : null;
    }

    /// <summary>A one-line reason for status and logs: the HTTP code and the Status reason and message, never the request body.</summary>
    public static string Describe(Exception e)
    {
        if (e is HttpOperationException { Response: { } response })
        {
            var status = TryStatus(response.Content);
            var code = (int)response.StatusCode;
            return status is null
                ? $"API server answered {code.ToString(CultureInfo.InvariantCulture)} {response.ReasonPhrase}".TrimEnd()
                : $"API server answered {code.ToString(CultureInfo.InvariantCulture)} {status.Reason}: {status.Message}";
        }
        if (e is KubernetesException { Status: { } s }) return $"API server error {s.Code}: {s.Reason}: {s.Message}";
        if (e is OperationCanceledException) return "API server request timed out";
        return $"API server unreachable: {e.Message}";
    }

    private static V1Status? TryStatus(string? content)
    {
        if (string.IsNullOrWhiteSpace(content)) return null;
        try
        {
            var status = KubernetesJson.Deserialize<V1Status>(content);
            return status?.Kind == "Status" ? status : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
