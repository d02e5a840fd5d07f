namespace GitOps.WebhookApi.Notifications.Webhooks;

/// <summary>The outbound webhook sink (issue 16): every notification becomes one delivery per subscriber, each on that
/// subscriber's own queue and worker (<see cref="WebhookSubscriber"/>). <see cref="Enqueue"/> never waits on the network.</summary>
internal sealed class WebhookSink : BackgroundService, INotificationSink
{
    private readonly WebhookDeliveryLog _log;
    private readonly HttpClient _http;

    public WebhookSink(IOptions<WebhookSubscribersOptions> subscribers, IOptions<WebhookDeliveryOptions> options, INotificationSigner signer,
        WebhookDeliveryLog log, NotificationMetrics metrics, TimeProvider time, ILogger<WebhookSink> logger)
    {
        _log = log;
        // One label value for every subscriber: a URL could hold a token, so it never becomes a label.
        var depth = new QueueDepth(() => metrics.SetQueueDepth(SinkName, Depth));
        metrics.Register(SinkName);
        // Redirects are not followed: a signed body goes only where the option says. One handler, unlimited connections
        // per server, so subscribers on one host do not queue behind each other's connections.
        _http = new HttpClient(new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            PooledConnectionLifetime = TimeSpan.FromMinutes(2),
            ConnectTimeout = options.Value.Timeout,
        }) { Timeout = Timeout.InfiniteTimeSpan };
        Subscribers = [.. subscribers.Value.Webhooks.Select((s, i) => new WebhookSubscriber(i, s, _http, signer, log, options.Value, metrics, depth, time, logger))];
    }

    public const string SinkName = "webhook";

    public string Name => SinkName;

    public WebhookDeliveryLog Log => _log;

    public ImmutableArray<WebhookSubscriber> Subscribers { get; }

    public void Enqueue(SignedNotification notification)
    {
        if (Subscribers.IsEmpty) return;
        var (body, contentType) = WebhookMessage.Body(notification);
        foreach (var subscriber in Subscribers)
            subscriber.Enqueue(new WebhookDelivery(NewId(), subscriber.Index, notification.Event.Id, notification, body, contentType, null));
    }

    /// <summary>Queues a finished delivery again (same <c>webhook-id</c> and body, new delivery id, fresh timestamp and signatures).</summary>
    public Redelivery Redeliver(string id)
    {
        if (_log.Find(id) is not var (delivery, view)) return new Redelivery.NotFound();
        if (!view.IsFinished) return new Redelivery.InFlight(view);
        var copy = delivery with { Id = NewId(), RedeliveryOf = delivery.Id };
        return new Redelivery.Queued(Subscribers[delivery.Subscriber].Enqueue(copy));
    }

    /// <summary>Deliveries waiting over all subscribers.</summary>
    public int Depth => Subscribers.Sum(s => s.Depth);

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(Subscribers.Select(s => Task.Run(() => s.RunAsync(stoppingToken), CancellationToken.None)));

    public override void Dispose()
    {
        foreach (var subscriber in Subscribers) subscriber.Complete();
        base.Dispose();
        _http.Dispose();
    }

    /// <summary>Delivery ids: 32 lowercase hex digits, time-ordered.</summary>
    public static string NewId() => Guid.CreateVersion7().ToString("N");

    public static bool IsWellFormedId(string id) => id.Length == 32 && id.All(char.IsAsciiHexDigitLower);
}

/// <summary>Refreshes <c>gitops_notification_queue_depth{sink="webhook"}</c> (the sum over subscribers) when a queue changes.</summary>
internal sealed class QueueDepth(Action update)
{
    public void Changed() => update();
}

/// <summary>What a redelivery request came to.</summary>
internal abstract record Redelivery
{
    private Redelivery() { }

    public sealed record Queued(DeliveryView Delivery) : Redelivery;

    public sealed record NotFound : Redelivery;

    /// <summary>The delivery is still queued or retrying; it cannot be repeated until it finishes.</summary>
    public sealed record InFlight(DeliveryView Delivery) : Redelivery;
}
