using GitOps.Reconciler.Observability;

namespace GitOps.WebhookApi.Webhooks;

/// <summary>POST /webhooks/github, /webhooks/gitlab and /webhooks/generic (DESIGN §5). No bearer token: each
/// delivery is authenticated by its signature, checked on the raw body before anything is parsed.</summary>
internal static partial class WebhookEndpoints
{
    public static IEndpointRouteBuilder MapWebhookEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/webhooks").ExcludeFromDescription();
        group.MapPost("/github", (HttpContext context, IOptionsSnapshot<WebhookOptions> options, GitHubWebhook handler) =>
            ReceiveAsync(context, "github",
                header: "X-GitHub-Delivery",
                verify: body => WebhookSignature.VerifyHmac(options.Value.GitHubSecret, context.Request.Headers["X-Hub-Signature-256"], body),
                handle: body => handler.Handle(context.Request.Headers["X-GitHub-Event"], body)));
        group.MapPost("/gitlab", (HttpContext context, IOptionsSnapshot<WebhookOptions> options, GitLabWebhook handler) =>
            ReceiveAsync(context, "gitlab",
                header: "X-Gitlab-Event-UUID",
                verify: _ => WebhookSignature.VerifyToken(options.Value.GitLabToken, context.Request.Headers["X-Gitlab-Token"]),
                handle: body => handler.Handle(context.Request.Headers["X-Gitlab-Event"], body)));
        group.MapPost("/generic", (HttpContext context, IOptionsSnapshot<WebhookOptions> options, ReconcileTrigger trigger) =>
            ReceiveAsync(context, "generic",
                header: "X-Delivery-Id",
                verify: body => WebhookSignature.VerifyHmac(options.Value.GenericSecret, context.Request.Headers["X-Signature"], body),
                handle: _ =>
                {
                    trigger.Request(new ReconcileRequest("generic webhook", Fetch: true));
                    return new WebhookResult.Accepted("fetch and reconcile requested");
                }));
        return app;
    }

    private delegate SignatureCheck Verify(ReadOnlySpan<byte> body);

    /// <summary>The order is the contract: size limit, signature, duplicate check, then (and only then) parsing and work.</summary>
    private static async Task<Results<JsonHttpResult<WebhookAnswer>, ProblemHttpResult>> ReceiveAsync(HttpContext context, string provider, string header, Verify verify, Func<byte[], WebhookResult> handle)
    {
        var logger = context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("GitOps.WebhookApi.Webhooks");
        var raw = context.Request.Headers[header].ToString();
        var deliveryId = raw.Length > 0 && IsDeliveryId(raw) ? raw : null;
        var result = await ProcessAsync(context, provider, deliveryId, verify, raw.Length > 0 && deliveryId is null
            ? $"{header} must be 1 to {MaxDeliveryIdLength} printable ASCII characters (got {raw.Length} characters); the delivery was not processed"
            : null, handle);
        context.RequestServices.GetRequiredService<GitOpsMetrics>().CountWebhook(provider, result.Outcome);
        LogDelivery(logger, provider, deliveryId ?? "-", result.Outcome);
        return result.ToHttpResult(provider, deliveryId);
    }

    /// <summary>Delivery ids are remembered for de-duplication and logged, so they are bounded: GitHub's are GUIDs.</summary>
    private const int MaxDeliveryIdLength = 200;

    private static bool IsDeliveryId(string id) =>
        id.Length <= MaxDeliveryIdLength && !id.AsSpan().ContainsAnyExceptInRange((char)0x21, (char)0x7E);

    private static async Task<WebhookResult> ProcessAsync(HttpContext context, string provider, string? deliveryId, Verify verify, string? badDeliveryId, Func<byte[], WebhookResult> handle)
    {
        var read = await BoundedBody.ReadAsync(context.Request, WebhookBody.MaxBytes, context.RequestAborted);
        if (read is not BodyRead.Complete complete) return new WebhookResult.TooLarge(((BodyRead.TooLarge)read).Limit);
        var body = complete.Content.ToArray();
        switch (verify(body))
        {
            case SignatureCheck.NotConfigured:
                return new WebhookResult.Unauthorized($"the {provider} webhook endpoint is not configured: set GitOps:Webhooks:{SecretOption(provider)}");
            case SignatureCheck.Missing:
                return new WebhookResult.Unauthorized($"missing {SignatureHeader(provider)} header");
            case SignatureCheck.Invalid:
                return new WebhookResult.Unauthorized($"{SignatureHeader(provider)} does not match");
        }
        if (badDeliveryId is not null) return new WebhookResult.BadRequest(badDeliveryId);
        var deliveries = context.RequestServices.GetRequiredService<DeliveryLog>();
        if (deliveryId is not null && !deliveries.TryRecord(provider, deliveryId)) return new WebhookResult.Duplicate(deliveryId);
        var result = handle(body);
        if (result is WebhookResult.BadRequest && deliveryId is not null) deliveries.Forget(provider, deliveryId);
        return result;
    }

    private static string SecretOption(string provider) => provider switch
    {
        "github" => nameof(WebhookOptions.GitHubSecret),
        "gitlab" => nameof(WebhookOptions.GitLabToken),
        _ => nameof(WebhookOptions.GenericSecret),
    };

    private static string SignatureHeader(string provider) => provider switch
    {
        "github" => "X-Hub-Signature-256",
        "gitlab" => "X-Gitlab-Token",
        _ => "X-Signature",
    };

    [LoggerMessage(Level = LogLevel.Information, Message = "Webhook {Provider} delivery {DeliveryId}: {Outcome}")]
    private static partial void LogDelivery(ILogger logger, string provider, string deliveryId, string outcome);
}
