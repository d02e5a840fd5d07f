namespace GitOps.WebhookApi.Webhooks;

/// <summary>The closed set of answers to a webhook delivery. <see cref="Outcome"/> is the metric label.</summary>
internal abstract record WebhookResult(string Outcome)
{
    /// <summary>GitHub's <c>ping</c>: 200.</summary>
    public sealed record Pong(string Detail) : WebhookResult("pong");

    /// <summary>Work was queued (fetch + reconcile, or pull-request validation): 202.</summary>
    public sealed record Accepted(string Detail) : WebhookResult("accepted");

    /// <summary>Acknowledged, nothing to do (another branch, an unhandled event or action): 202.</summary>
    public sealed record Ignored(string Detail) : WebhookResult("ignored");

    /// <summary>The delivery id was seen before: 200, not processed again.</summary>
    public sealed record Duplicate(string DeliveryId) : WebhookResult("duplicate");

    /// <summary>Signed correctly but not understood (not JSON, missing fields): 400.</summary>
    public sealed record BadRequest(string Detail) : WebhookResult("bad_request");

    /// <summary>Signature or token missing, wrong, or the endpoint has no secret: 401. The body was not parsed.</summary>
    public sealed record Unauthorized(string Detail) : WebhookResult("unauthorized");

    /// <summary>Body over the limit: 413.</summary>
    public sealed record TooLarge(long Limit) : WebhookResult("too_large");

    public Results<JsonHttpResult<WebhookAnswer>, ProblemHttpResult> ToHttpResult(string provider, string? deliveryId) => this switch
    {
        Pong p => TypedResults.Json(new WebhookAnswer("pong", p.Detail, deliveryId), statusCode: StatusCodes.Status200OK),
        Accepted a => TypedResults.Json(new WebhookAnswer("accepted", a.Detail, deliveryId), statusCode: StatusCodes.Status202Accepted),
        Ignored i => TypedResults.Json(new WebhookAnswer("ignored", i.Detail, deliveryId), statusCode: StatusCodes.Status202Accepted),
        Duplicate d => TypedResults.Json(new WebhookAnswer("duplicate", $"duplicate delivery {d.DeliveryId}, ignored", deliveryId), statusCode: StatusCodes.Status200OK),
        BadRequest b => Problems.Create(StatusCodes.Status400BadRequest, ProblemTypes.BadRequest, "Webhook payload not understood", $"{provider}: {b.Detail}"),
        Unauthorized u => Problems.Create(StatusCodes.Status401Unauthorized, ProblemTypes.Unauthorized, "Webhook signature rejected", u.Detail),
        TooLarge t => Problems.Create(StatusCodes.Status413PayloadTooLarge, ProblemTypes.PayloadTooLarge, "Webhook payload too large", $"webhook bodies are limited to {t.Limit} bytes"),
        _ => throw new InvalidOperationException($"unhandled webhook result {GetType().Name}"),
    };
}

/// <summary>The JSON body of a successful answer.</summary>
internal sealed record WebhookAnswer(string Outcome, string Detail, string? DeliveryId);
