using System.Text;
using System.Text.Json;
using GitOps.WebhookApi.Notifications;
using GitOps.WebhookApi.Notifications.Webhooks;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace GitOps.WebhookApi.Tests.Notifications;

/// <summary>The webhook sink against real loopback subscribers: CloudEvents bodies, Standard Webhooks signatures checked
/// independently (HMAC-SHA256 and Ed25519), retries with backoff under one webhook-id, and per-subscriber queues.</summary>
public sealed class WebhookSinkTests : IAsyncLifetime
{
    private const string Secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

    private readonly TestSigner _signer = new();
    private readonly SharedOrder _order = new();
    private readonly List<WebhookReceiver> _receivers = [];
    private readonly List<WebhookSink> _sinks = [];

    [Fact]
    public async Task Delivery_IsACloudEventSignedWithHmacAndEd25519()
    {
        var receiver = await ReceiverAsync(_ => (200, TimeSpan.Zero));
        var sink = await StartSinkAsync(TimeProvider.System, receiver);

        sink.Enqueue(TestNotifications.Signed(_signer, "models", "evt-1"));
        await WebhookReceiver.WaitUntilAsync(() => receiver.Answered.Count == 1, "the delivery");

        var request = receiver.Received[0];
        Assert.Equal("evt-1", request.WebhookId);
        Assert.StartsWith("application/cloudevents+json", request.ContentType, StringComparison.Ordinal);
        Assert.True(TestNotifications.HmacMatches(request, Secret), request.Signature);
        Assert.True(TestNotifications.Ed25519Matches(request, _signer.PublicKey), request.Signature);
        var tampered = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(request.Body).Replace("models", "modelz", StringComparison.Ordinal));
        Assert.False(TestNotifications.Ed25519Matches(request, _signer.PublicKey, tampered));

        using var body = JsonDocument.Parse(request.Body);
        var root = body.RootElement;
        Assert.Equal("1.0", root.GetProperty("specversion").GetString());
        Assert.Equal("evt-1", root.GetProperty("id").GetString());
        Assert.Equal(WebhookMessage.EventType, root.GetProperty("type").GetString());
        Assert.Equal("models", root.GetProperty("subject").GetString());
        Assert.Equal(_signer.KeyId, root.GetProperty(WebhookMessage.KeyIdAttribute).GetString());
        Assert.Equal("models", root.GetProperty("data").GetProperty("plugin").GetString());
        // The receiver counts a request as answered just before the answer reaches the sink: wait for the log.
        await WebhookReceiver.WaitUntilAsync(() => Log(sink).SingleOrDefault()?.State == DeliveryState.Delivered, "the log to say delivered");
    }

    [Fact]
    public async Task FailingSubscriber_IsRetriedWithDoublingBackoffUnderTheSameWebhookId()
    {
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2026-12-05T12:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        var receiver = await ReceiverAsync(n => (n <= 2 ? 500 : 200, TimeSpan.Zero));
        var sink = await StartSinkAsync(time, receiver);

        sink.Enqueue(TestNotifications.Signed(_signer, "models", "evt-retry"));

        // 500: the next attempt is due one FirstRetryDelay (1 s) later, and not before the clock gets there.
        await WebhookReceiver.WaitUntilAsync(() => Log(sink).Single().State == DeliveryState.Retrying, "the first failure");
        var first = Log(sink).Single();
        Assert.Equal(500, Assert.Single(first.Attempts).StatusCode);
        Assert.Equal(first.Attempts[0].At + TimeSpan.FromSeconds(1), first.NextAttemptAt);
        Assert.Single(receiver.Received);

        await AdvanceUntilAsync(time, () => Log(sink).Single().Attempts.Length == 2, "the second attempt");
        var second = Log(sink).Single();
        Assert.Equal(DeliveryState.Retrying, second.State);
        Assert.True(second.Attempts[1].At >= first.NextAttemptAt, "the second attempt came before its backoff ended");
        Assert.Equal(second.Attempts[1].At + TimeSpan.FromSeconds(2), second.NextAttemptAt); // doubled

        await AdvanceUntilAsync(time, () => Log(sink).Single().State == DeliveryState.Delivered, "the delivery");
        Assert.True(Log(sink).Single().Attempts[2].At >= second.NextAttemptAt, "the third attempt came before its backoff ended");

        Assert.Equal([500, 500, 200], Log(sink).Single().Attempts.Select(a => a.StatusCode));
        Assert.Equal(3, receiver.Received.Count);
        Assert.All(receiver.Received, r => Assert.Equal("evt-retry", r.WebhookId));
        Assert.Equal(3, receiver.Received.Select(r => r.Timestamp).Distinct().Count()); // each attempt signed afresh
        Assert.All(receiver.Received, r => Assert.True(TestNotifications.HmacMatches(r, Secret) && TestNotifications.Ed25519Matches(r, _signer.PublicKey)));
    }

    [Fact]
    public async Task SlowSubscriber_DoesNotDelayTheOthers()
    {
        // Subscriber 1 takes 10 s over its first request; 0 and 2 answer at once.
        var fast0 = await ReceiverAsync(_ => (200, TimeSpan.Zero));
        var slow = await ReceiverAsync(n => (200, n == 1 ? TimeSpan.FromSeconds(10) : TimeSpan.Zero));
        var fast2 = await ReceiverAsync(_ => (200, TimeSpan.Zero));
        var sink = await StartSinkAsync(TimeProvider.System, fast0, slow, fast2);
        string[] ids = ["evt-a", "evt-b", "evt-c"];

        foreach (var id in ids) sink.Enqueue(TestNotifications.Signed(_signer, "models", id));

        await WebhookReceiver.WaitUntilAsync(() => fast0.Answered.Count == 3 && fast2.Answered.Count == 3, "the fast subscribers");
        await WebhookReceiver.WaitUntilAsync(() => slow.Answered.Count == 3, "the slow subscriber");

        // Ordering, not timing: every fast delivery was answered before the slow subscriber answered its first.
        var slowFirstAnswer = slow.Received[0].AnsweredOrder;
        Assert.All(fast0.Received.Concat(fast2.Received), r => Assert.True(r.AnsweredOrder < slowFirstAnswer,
            $"{r.WebhookId} to subscriber {r.Receiver} answered at {r.AnsweredOrder}, after the slow one's first answer at {slowFirstAnswer}"));
        // Each subscriber still gets every event once, in order.
        foreach (var receiver in new[] { fast0, slow, fast2 }) Assert.Equal(ids, TestNotifications.Ids(receiver.Received));
        await WebhookReceiver.WaitUntilAsync(() => Log(sink).Count == 9 && Log(sink).All(d => d.State == DeliveryState.Delivered), "the log to say delivered");
    }

    [Fact]
    public async Task Redeliver_SendsTheSameWebhookIdAgainUnderANewDeliveryId()
    {
        var receiver = await ReceiverAsync(_ => (200, TimeSpan.Zero));
        var sink = await StartSinkAsync(TimeProvider.System, receiver);
        sink.Enqueue(TestNotifications.Signed(_signer, "models", "evt-again"));
        await WebhookReceiver.WaitUntilAsync(() => Log(sink).SingleOrDefault()?.State == DeliveryState.Delivered, "the delivery");
        var original = Log(sink).Single();

        var queued = Assert.IsType<Redelivery.Queued>(sink.Redeliver(original.Id));

        Assert.NotEqual(original.Id, queued.Delivery.Id);
        Assert.Equal(original.Id, queued.Delivery.RedeliveryOf);
        await WebhookReceiver.WaitUntilAsync(() => receiver.Answered.Count == 2, "the redelivery");
        Assert.Equal(["evt-again", "evt-again"], TestNotifications.Ids(receiver.Received));
        Assert.IsType<Redelivery.NotFound>(sink.Redeliver(WebhookSink.NewId()));
    }

    /// <summary>Moves the fake clock on in small steps until <paramref name="done"/> holds (the worker's timer may not exist
    /// yet when the log already says "retrying", so one big step could be taken before the timer is registered).</summary>
    private static async Task AdvanceUntilAsync(FakeTimeProvider time, Func<bool> done, string what)
    {
        for (var step = 0; !done(); step++)
        {
            if (step > 2_000) throw new TimeoutException($"gave up waiting for {what}");
            time.Advance(TimeSpan.FromMilliseconds(100));
            await Task.Delay(10);
        }
    }

    private async Task<WebhookReceiver> ReceiverAsync(Func<int, (int, TimeSpan)> answer)
    {
        var receiver = await WebhookReceiver.StartAsync(_receivers.Count, _order, n => answer(n));
        _receivers.Add(receiver);
        return receiver;
    }

    private async Task<WebhookSink> StartSinkAsync(TimeProvider time, params WebhookReceiver[] receivers)
    {
        var subscribers = new WebhookSubscribersOptions
        {
            Webhooks = [.. receivers.Select(r => new WebhookSubscriberOptions { Url = r.Url.ToString(), Secret = Secret })],
        };
        var delivery = new WebhookDeliveryOptions { FirstRetryDelay = TimeSpan.FromSeconds(1), Timeout = TimeSpan.FromSeconds(30) };
        var sink = new WebhookSink(Options.Create(subscribers), Options.Create(delivery), _signer,
            new WebhookDeliveryLog(Options.Create(delivery)), new NotificationMetrics(Prometheus.Metrics.NewCustomRegistry()), time, NullLogger<WebhookSink>.Instance);
        _sinks.Add(sink);
        await sink.StartAsync(CancellationToken.None);
        return sink;
    }

    private static IReadOnlyList<DeliveryView> Log(WebhookSink sink) => sink.Log.Recent(1000);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var sink in _sinks)
        {
            await sink.StopAsync(CancellationToken.None);
            sink.Dispose();
        }
        foreach (var receiver in _receivers) await receiver.DisposeAsync();
    }
}
