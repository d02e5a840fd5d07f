using System.Net.Http.Headers;
using System.Threading.Channels;

namespace GitOps.WebhookApi.Notifications.Webhooks;

/// <summary>One subscriber's queue and worker. Deliveries to one subscriber go out one at a time, in order, each retried
/// with exponential backoff until it succeeds or runs out of attempts; nothing here waits on another subscriber, so a
/// slow or failing one only delays itself.</summary>
internal sealed partial class WebhookSubscriber
{
    private readonly Uri _url;
    private readonly byte[] _key;
    private readonly HttpClient _http;
    private readonly INotificationSigner _signer;
    private readonly WebhookDeliveryLog _log;
    private readonly WebhookDeliveryOptions _options;
    private readonly NotificationMetrics _metrics;
    private readonly QueueDepth _depth;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Channel<WebhookDelivery> _queue;

    public WebhookSubscriber(int index, WebhookSubscriberOptions subscriber, HttpClient http, INotificationSigner signer,
        WebhookDeliveryLog log, WebhookDeliveryOptions options, NotificationMetrics metrics, QueueDepth depth, TimeProvider time, ILogger logger)
    {
        Index = index;
        _url = new Uri(subscriber.Url!, UriKind.Absolute);
        _key = WebhookSecret.Key(subscriber.Secret!);
        Endpoint = _url.GetLeftPart(UriPartial.Authority);
        (_http, _signer, _log, _options, _metrics, _depth, _time, _logger) = (http, signer, log, options, metrics, depth, time, logger);
        _queue = Channel.CreateBounded<WebhookDelivery>(new BoundedChannelOptions(options.QueueCapacity) { SingleReader = true });
    }

    /// <summary>The option index (<c>GitOps:Notifications:Webhooks:{n}</c>).</summary>
    public int Index { get; }

    /// <summary>Scheme, host and port only: what logs and the delivery log show of the URL.</summary>
    public string Endpoint { get; }

    /// <summary>Deliveries waiting in the queue (the one being attempted not included).</summary>
    public int Depth => _queue.Reader.Count;

    /// <summary>Records and queues a delivery; returns its view (<see cref="DeliveryState.Dropped"/> when the queue is full).</summary>
    public DeliveryView Enqueue(WebhookDelivery delivery)
    {
        var view = new DeliveryView(delivery.Id, delivery.MessageId, delivery.Notification.Event.Plugin, Index, Endpoint,
            DeliveryState.Pending, _time.GetUtcNow(), null, [], delivery.RedeliveryOf);
        _log.Add(delivery, view);
        if (_queue.Writer.TryWrite(delivery))
        {
            _depth.Changed();
            return view;
        }
        _metrics.Count(WebhookSink.SinkName, NotificationOutcome.Dropped);
        LogDropped(_logger, delivery.MessageId, Index, Endpoint, _options.QueueCapacity);
        return _log.Update(delivery.Id, v => v with { State = DeliveryState.Dropped }) ?? view with { State = DeliveryState.Dropped };
    }

    /// <summary>The worker: runs until <paramref name="cancellationToken"/> is cancelled (shutdown).</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var delivery in _queue.Reader.ReadAllAsync(cancellationToken))
            {
                _depth.Changed();
                await DeliverAsync(delivery, cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Shutting down: what is still queued is lost with the process (the log is in memory too); MQTT retains the latest.
        }
    }

    public void Complete() => _queue.Writer.TryComplete();

    private async Task DeliverAsync(WebhookDelivery delivery, CancellationToken cancellationToken)
    {
        for (var number = 1; ; number++)
        {
            var attempt = await AttemptAsync(delivery, number, cancellationToken);
            var succeeded = attempt.StatusCode is >= 200 and < 300;
            var last = succeeded || number >= _options.MaxAttempts;
            var delay = Backoff(number);
            _log.Update(delivery.Id, v => v with
            {
                Attempts = v.Attempts.Add(attempt),
                State = succeeded ? DeliveryState.Delivered : last ? DeliveryState.Failed : DeliveryState.Retrying,
                NextAttemptAt = last ? null : attempt.At + delay,
            });
            _metrics.Count(WebhookSink.SinkName, succeeded ? NotificationOutcome.Sent : NotificationOutcome.Failed);
            if (succeeded)
            {
                LogDelivered(_logger, delivery.MessageId, Index, Endpoint, number, attempt.StatusCode!.Value);
                return;
            }
            var reason = attempt.Error ?? $"HTTP {attempt.StatusCode}";
            if (last)
            {
                LogFailed(_logger, delivery.MessageId, Index, Endpoint, number, reason);
                return;
            }
            LogRetrying(_logger, delivery.MessageId, Index, Endpoint, number, reason, (long)delay.TotalMilliseconds);
            await Task.Delay(delay, _time, cancellationToken);
        }
    }

    /// <summary>The wait after failed attempt <paramref name="number"/>: the first delay doubled per attempt, capped.</summary>
    public TimeSpan Backoff(int number)
    {
        var factor = Math.Pow(2, Math.Min(number - 1, 30));
        var delay = TimeSpan.FromTicks((long)Math.Min(_options.FirstRetryDelay.Ticks * factor, _options.MaxRetryDelay.Ticks));
        return delay;
    }

    private async Task<DeliveryAttempt> AttemptAsync(WebhookDelivery delivery, int number, CancellationToken cancellationToken)
    {
        var at = _time.GetUtcNow();
        var timestamp = at.ToUnixTimeSeconds();
        using var request = new HttpRequestMessage(HttpMethod.Post, _url) { Content = new ReadOnlyMemoryContent(delivery.Body) };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(delivery.ContentType);
        request.Headers.TryAddWithoutValidation("webhook-id", delivery.MessageId);
        request.Headers.TryAddWithoutValidation("webhook-timestamp", timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture));
        request.Headers.TryAddWithoutValidation("webhook-signature",
            WebhookMessage.Signature(delivery.MessageId, timestamp, delivery.Body.Span, _key, _signer));
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.Timeout);
        var started = _time.GetTimestamp();
        int? status = null;
        string? error = null;
        try
        {
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            status = (int)response.StatusCode;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            error = $"Timeout: no answer within {_options.Timeout.TotalSeconds:0.###} s";
        }
        catch (HttpRequestException ex)
        {
            // The error kind only: a message could quote the URL.
            error = $"ConnectionError: {ex.HttpRequestError}";
        }
        return new DeliveryAttempt(number, at, status, error, (long)_time.GetElapsedTime(started).TotalMilliseconds);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook delivery of {EventId} to subscriber {Subscriber} ({Endpoint}) dropped: its queue holds {Capacity} deliveries")]
    private static partial void LogDropped(ILogger logger, string eventId, int subscriber, string endpoint, int capacity);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Webhook {EventId} delivered to subscriber {Subscriber} ({Endpoint}) on attempt {Attempt}: HTTP {StatusCode}")]
    private static partial void LogDelivered(ILogger logger, string eventId, int subscriber, string endpoint, int attempt, int statusCode);

    [LoggerMessage(Level = LogLevel.Information, Message = "Webhook {EventId} to subscriber {Subscriber} ({Endpoint}) attempt {Attempt} failed ({Reason}); retrying in {DelayMs} ms")]
    private static partial void LogRetrying(ILogger logger, string eventId, int subscriber, string endpoint, int attempt, string reason, long delayMs);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook {EventId} to subscriber {Subscriber} ({Endpoint}) failed after {Attempt} attempts ({Reason}); redeliver it from the delivery log")]
    private static partial void LogFailed(ILogger logger, string eventId, int subscriber, string endpoint, int attempt, string reason);
}
