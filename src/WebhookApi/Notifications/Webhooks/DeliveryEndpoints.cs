namespace GitOps.WebhookApi.Notifications.Webhooks;

/// <summary><c>GET /api/v1/notifications/deliveries</c> (operator) and <c>POST …/deliveries/{id}:redeliver</c> (admin).</summary>
/// <remarks>The log is for operators, not viewers: it shows where the configuration is sent (subscriber origins) and how
/// those receivers answer, which is operating detail; viewers follow the events themselves on <c>GET /api/v1/events</c>.</remarks>
internal static class DeliveryEndpoints
{
    public static RouteGroupBuilder MapNotificationDeliveryEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/notifications/deliveries", List).RequireAuthorization(Roles.Operator).WithName("ListNotificationDeliveries");
        api.MapPost("/notifications/deliveries/{id}:redeliver", Redeliver).RequireAuthorization(Roles.Admin).WithName("RedeliverNotification");
        return api;
    }

    private static Results<Ok<DeliveryList>, ProblemHttpResult> List(WebhookSink sink, WebhookDeliveryLog log, string? limit, string? state)
    {
        var (count, problem) = QueryParameters.Int("limit", limit, 100, 1, 1000);
        if (problem is not null) return problem;
        DeliveryState? wanted = null;
        if (state is not null)
        {
            if (!Enum.TryParse<DeliveryState>(state, ignoreCase: true, out var parsed) || !Enum.IsDefined(parsed) || int.TryParse(state, out _))
                return Problems.BadRequest($"'state' must be one of {string.Join(", ", Enum.GetNames<DeliveryState>().Select(n => n.ToLowerInvariant()))}",
                    new Dictionary<string, object?> { ["parameter"] = "state" });
            wanted = parsed;
        }
        return TypedResults.Ok(new DeliveryList(
            [.. sink.Subscribers.Select(s => new SubscriberView(s.Index, s.Endpoint, s.Depth))],
            log.Recent(count, wanted)));
    }

    private static Results<Accepted<DeliveryView>, ProblemHttpResult> Redeliver(string id, WebhookSink sink)
    {
        if (!WebhookSink.IsWellFormedId(id))
            return Problem(StatusCodes.Status400BadRequest, ProblemTypes.BadRequest, "Bad request",
                $"'{Shown(id)}' is not a delivery id (32 lowercase hex digits, as GET /api/v1/notifications/deliveries lists them)");
        return sink.Redeliver(id) switch
        {
            Redelivery.Queued queued => TypedResults.Accepted((string?)null, queued.Delivery),
            Redelivery.InFlight inFlight => Problem(StatusCodes.Status409Conflict, ProblemTypes.Conflict, "Delivery in progress",
                $"Delivery {id} is still {inFlight.Delivery.State.ToString().ToLowerInvariant()}; redeliver it once it has finished"),
            _ => Problem(StatusCodes.Status404NotFound, ProblemTypes.NotFound, "Not found",
                $"No delivery {id} in the log (it holds the most recent deliveries of this replica only)"),
        };
    }

    private static ProblemHttpResult Problem(int status, string type, string title, string detail) =>
        TypedResults.Problem(detail: detail, statusCode: status, title: title, type: type);

    private static string Shown(string id) => id.Length <= 40 ? id : id[..40] + "…";
}

/// <summary>The answer of <c>GET /api/v1/notifications/deliveries</c>: the subscribers (origin only) and recent deliveries.</summary>
internal sealed record DeliveryList(IReadOnlyList<SubscriberView> Subscribers, IReadOnlyList<DeliveryView> Items);

/// <summary>One webhook subscriber as the delivery log shows it: its index in the options, its origin, its queue depth.</summary>
internal sealed record SubscriberView(int Index, string Endpoint, int Queued);
