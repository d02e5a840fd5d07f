using Microsoft.Extensions.DependencyInjection.Extensions;

namespace GitOps.WebhookApi.Events;

/// <summary><c>GET /api/v1/events</c>: Server-Sent Events (viewer role) of commits (<c>head</c>), source status changes
/// (<c>source</c>), finished reconcile passes (<c>pass</c>) and signed change notifications (<c>notification</c>).
/// Every stream opens with <c>ready</c> (or <c>reset</c> when <c>Last-Event-ID</c> can no longer be resumed from).</summary>
internal static class EventStreamEndpoints
{
    public static IServiceCollection AddEventStream(this IServiceCollection services)
    {
        services.TryAddSingleton<ChangeFeed>();
        services.AddOptions<EventStreamOptions>().BindConfiguration(EventStreamOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<EventLog>();
        return services;
    }

    public static RouteGroupBuilder MapEventStream(this RouteGroupBuilder api)
    {
        // Listening from start-up on, so the first client can resume from the events before it connected.
        _ = ((IEndpointRouteBuilder)api).ServiceProvider.GetRequiredService<EventLog>();
        api.MapGet("/events", StreamAsync).WithName("EventStream").Produces(StatusCodes.Status200OK, contentType: "text/event-stream");
        return api;
    }

    private static async Task StreamAsync(HttpContext http, EventLog log, IOptions<EventStreamOptions> options, IHostApplicationLifetime lifetime)
    {
        // Ends with the client or with shutdown (an open stream must not hold the host's graceful stop).
        using var ended = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted, lifetime.ApplicationStopping);
        var cancellationToken = ended.Token;
        var lastEventId = http.Request.Headers["Last-Event-ID"].ToString();
        var scope = Auth.PluginScope.Of(http);
        var resume = log.Listen(lastEventId.Length == 0 ? null : lastEventId, out var live, out var subscription);
        using (subscription)
        {
            http.Response.StatusCode = StatusCodes.Status200OK;
            http.Response.ContentType = "text/event-stream; charset=utf-8";
            http.Response.Headers.CacheControl = "no-cache";
            http.Response.Headers["X-Accel-Buffering"] = "no";
            try
            {
                await WriteAsync(http, "retry: 2000\n\n", cancellationToken);
                await (resume switch
                {
                    Resume.Fresh fresh => WriteEventAsync(http, log.IdOf(fresh.Latest), "ready", Json(new { resumed = false }), cancellationToken),
                    Resume.Reset reset => WriteEventAsync(http, log.IdOf(reset.Latest), "reset", Json(new { reason = reset.Reason, detail = reset.Detail }), cancellationToken),
                    Resume.Replay replay => ReplayAsync(http, log, [.. replay.Missed.Select(e => e.For(scope)).OfType<StreamEvent>()], cancellationToken),
                    _ => Task.CompletedTask,
                });
                await ForwardAsync(http, log, live, scope, options.Value.KeepAlive, cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                // The client left, or the service is stopping (the client reconnects with Last-Event-ID).
            }
        }
    }

    private static async Task ReplayAsync(HttpContext http, EventLog log, IReadOnlyList<StreamEvent> missed, CancellationToken cancellationToken)
    {
        await WriteEventAsync(http, null, "ready", Json(new { resumed = true, missed = missed.Count }), cancellationToken);
        foreach (var item in missed) await WriteEventAsync(http, log.IdOf(item.Sequence), item.Name, item.Data, cancellationToken);
    }

    private static async Task ForwardAsync(HttpContext http, EventLog log, System.Threading.Channels.ChannelReader<StreamEvent> live,
        Auth.PluginScope scope, TimeSpan keepAlive, CancellationToken cancellationToken)
    {
        while (true)
        {
            using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            wait.CancelAfter(keepAlive);
            bool more;
            try
            {
                more = await live.WaitToReadAsync(wait.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                await WriteAsync(http, ": keep-alive\n\n", cancellationToken);
                continue;
            }
            // Completed: shutdown, or this client fell too far behind; it reconnects with Last-Event-ID.
            if (!more) return;
            while (live.TryRead(out var item))
                if (item.For(scope) is { } visible) await WriteEventAsync(http, log.IdOf(visible.Sequence), visible.Name, visible.Data, cancellationToken);
        }
    }

    private static Task WriteEventAsync(HttpContext http, string? id, string name, string data, CancellationToken cancellationToken)
    {
        var text = new StringBuilder();
        if (id is not null) text.Append("id: ").Append(id).Append('\n');
        text.Append("event: ").Append(name).Append('\n');
        foreach (var line in data.Split('\n')) text.Append("data: ").Append(line).Append('\n');
        return WriteAsync(http, text.Append('\n').ToString(), cancellationToken);
    }

    private static async Task WriteAsync(HttpContext http, string text, CancellationToken cancellationToken)
    {
        await http.Response.Body.WriteAsync(Encoding.UTF8.GetBytes(text), cancellationToken);
        await http.Response.Body.FlushAsync(cancellationToken);
    }

    private static string Json<T>(T value) => JsonSerializer.Serialize(value, ApiJson.Options);
}
