using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace GitOps.TestSupport.Kubernetes;

/// <summary>
/// A <c>?watch=true</c> response: newline-delimited <c>{"type":…,"object":…}</c> events from <c>resourceVersion</c> on.
/// A version older than the compacted history gets an ERROR event carrying a 410 Expired Status, as the real API server
/// sends it; <c>timeoutSeconds</c> ends the stream cleanly; a dropped watch aborts the connection.
/// </summary>
internal static class FakeKubeWatchStream
{
    public static async Task RunAsync(HttpContext context, FakeKubeStore store, KubeResourceType type, string? ns,
        LabelSelector labels, FieldSelector fields, CancellationToken dropped, CancellationToken stopping)
    {
        var query = context.Request.Query;
        long? since = null;
        if (query["resourceVersion"] is [{ Length: > 0 } rvText])
        {
            if (!long.TryParse(rvText, NumberStyles.None, CultureInfo.InvariantCulture, out var rv))
            {
                await FakeKubeRouter.WriteAsync(context, KubeStatus.BadRequest($"invalid resource version: \"{rvText}\""));
                return;
            }
            since = rv;
        }
        var timeout = query["timeoutSeconds"] is [{ } t] && int.TryParse(t, CultureInfo.InvariantCulture, out var seconds)
            ? TimeSpan.FromSeconds(seconds) : Timeout.InfiniteTimeSpan;

        bool Wanted(JsonObject obj) => labels.Matches(obj) && fields.Matches(obj);
        var subscription = store.Subscribe(type, ns, since, Wanted, out var backlog, out var expired);

        context.Response.StatusCode = 200;
        context.Response.ContentType = "application/json";
        await context.Response.StartAsync(context.RequestAborted);
        if (subscription is null)
        {
            await WriteEventAsync(context, "ERROR", expired!.Body, context.RequestAborted);
            return;
        }

        using var timeoutCts = new CancellationTokenSource(timeout);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, dropped, stopping, timeoutCts.Token);
        try
        {
            foreach (var record in backlog)
                await WriteEventAsync(context, record.Type, record.Object, linked.Token);
            await foreach (var record in subscription.Channel.Reader.ReadAllAsync(linked.Token))
                if (Wanted(record.Object))
                    await WriteEventAsync(context, record.Type, record.Object, linked.Token);
        }
        catch (OperationCanceledException) when (dropped.IsCancellationRequested)
        {
            context.Abort();
        }
        catch (OperationCanceledException)
        {
            // Timeout, client gone or server stopping: end the stream.
        }
        finally
        {
            store.Unsubscribe(subscription);
        }
    }

    private static async Task WriteEventAsync(HttpContext context, string type, JsonNode obj, CancellationToken cancellationToken)
    {
        var line = new JsonObject { ["type"] = type, ["object"] = obj.DeepClone() }.ToJsonString() + "\n";
        await context.Response.WriteAsync(line, cancellationToken);
        await context.Response.Body.FlushAsync(cancellationToken);
    }
}
