using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace GitOps.TestSupport.Kubernetes;

/// <summary>
/// Maps REST requests to the store the way the API server does: <c>/api/v1/namespaces/{ns}/{plural}[/{name}]</c> and
/// <c>/apis/{group}/{version}/namespaces/{ns}/{plural}[/{name}]</c>, plus cluster-wide lists and <c>/version</c>.
/// </summary>
internal sealed class FakeKubeRouter(FakeKubeStore store, FakeKubeFaults faults, ConcurrentQueue<RecordedRequest> log, CancellationToken stopping)
{
    private const string Json = "application/json";
    private const string MergePatchJson = "application/merge-patch+json";

    public async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        var method = request.Method.ToUpperInvariant();
        var path = request.Path.Value ?? "/";
        log.Enqueue(new RecordedRequest(method, path, request.QueryString.Value ?? "", request.ContentType));

        if (faults.Latency > TimeSpan.Zero) await Task.Delay(faults.Latency, context.RequestAborted);
        if (faults.Take(method, path) is { } fault)
        {
            if (fault.Before is not null) fault.Before(store);
            else
            {
                if (fault.StatusCode == 429) context.Response.Headers.RetryAfter = fault.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
                await WriteAsync(context, fault.StatusCode == 429
                    ? KubeStatus.TooManyRequests(fault.RetryAfterSeconds)
                    : KubeStatus.InternalError("injected fault"));
                return;
            }
        }

        var body = method is "GET" or "HEAD" ? null : await new StreamReader(request.Body).ReadToEndAsync(context.RequestAborted);
        KubeResponse? response;
        try
        {
            response = await RouteAsync(context, method, path, body);
        }
        catch (Exception e) when (e is InvalidOperationException or FormatException or ArgumentException && !context.Response.HasStarted)
        {
            // A bug in the fake (or a body it cannot handle) answers like the API server's panic handler.
            response = KubeStatus.InternalError($"{e.GetType().Name}: {e.Message}");
        }
        if (response is not null) await WriteAsync(context, response);
    }

    private async Task<KubeResponse?> RouteAsync(HttpContext context, string method, string path, string? body)
    {
        var segments = path.Trim('/').Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (segments is ["version"])
            return new KubeResponse(200, new JsonObject { ["major"] = "1", ["minor"] = "34", ["gitVersion"] = "v1.34.0-fake", ["platform"] = "linux/amd64" });

        (string Group, string Version, string[] Segments)? api = segments switch
        {
            ["api", var v, .. var rest] => ("", v, rest),
            ["apis", var g, var v, .. var rest] => (g, v, rest),
            _ => null,
        };
        if (api is not { } a) return KubeStatus.NoSuchResource();
        var (ns, plural, name) = a.Segments switch
        {
            ["namespaces", var n, var p] => (n, p, null),
            ["namespaces", var n, var p, var o] => (n, p, o),
            [var p] => ((string?)null, p, (string?)null),
            _ => (null, "", null),
        };
        var type = KubeResourceType.Find(a.Group, a.Version, plural);
        if (type is null) return KubeStatus.NoSuchResource();

        var query = context.Request.Query;
        if (name is null)
        {
            if (method == "GET")
            {
                var labels = LabelSelector.Parse(query["labelSelector"], out var labelError);
                var fields = FieldSelector.Parse(query["fieldSelector"], out var fieldError);
                if (labels is null || fields is null) return KubeStatus.BadRequest(labelError ?? fieldError!);
                if (query["watch"] is ["true"] or ["1"])
                {
                    await FakeKubeWatchStream.RunAsync(context, store, type, ns, labels, fields, faults.WatchDropToken, stopping);
                    return null;
                }
                return store.List(type, ns, labels, fields);
            }
            if (method == "POST" && ns is not null)
            {
                if (!IsMediaType(context.Request.ContentType, Json)) return KubeStatus.UnsupportedMediaType(Json);
                return ParseObject(body, out var obj, out var error) ? store.Create(type, ns, obj!) : error!;
            }
            return KubeStatus.MethodNotAllowed(method);
        }
        if (ns is null) return KubeStatus.NoSuchResource();
        switch (method)
        {
            case "GET":
                return store.Get(type, ns, name);
            case "PUT":
                if (!IsMediaType(context.Request.ContentType, Json)) return KubeStatus.UnsupportedMediaType(Json);
                return ParseObject(body, out var replacement, out var putError) ? store.Replace(type, ns, name, replacement!) : putError!;
            case "PATCH":
                // Only RFC 7386 merge patch is implemented; json-patch, strategic-merge and apply answer 415.
                if (!IsMediaType(context.Request.ContentType, MergePatchJson)) return KubeStatus.UnsupportedMediaType(MergePatchJson);
                return ParseObject(body, out var patch, out var patchError) ? store.MergePatch(type, ns, name, patch!) : patchError!;
            case "DELETE":
                JsonObject? options = null;
                if (!string.IsNullOrWhiteSpace(body) && !ParseObject(body, out options, out var deleteError)) return deleteError!;
                return store.Delete(type, ns, name, options);
            default:
                return KubeStatus.MethodNotAllowed(method);
        }
    }

    private static bool ParseObject(string? body, out JsonObject? obj, out KubeResponse? error)
    {
        error = null;
        obj = null;
        try
        {
            obj = JsonNode.Parse(body ?? "") as JsonObject;
        }
        catch (JsonException e)
        {
            error = KubeStatus.BadRequest($"the body of the request could not be decoded: {e.Message}");
            return false;
        }
        if (obj is null) error = KubeStatus.BadRequest("the body of the request must be a JSON object");
        return obj is not null;
    }

    private static bool IsMediaType(string? contentType, string expected) =>
        contentType is not null && string.Equals(contentType.Split(';')[0].Trim(), expected, StringComparison.OrdinalIgnoreCase);

    internal static async Task WriteAsync(HttpContext context, KubeResponse response)
    {
        context.Response.StatusCode = response.StatusCode;
        context.Response.ContentType = Json;
        await context.Response.WriteAsync(response.Body.ToJsonString(), context.RequestAborted);
    }
}
