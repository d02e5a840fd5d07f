using GitOps.HotReload.Notifications;
using GitOps.Reconciler.Configuration;
using GitOps.Reconciler.Reconciliation;
using GitOps.TestSupport.Hosting;
using GitOps.WebhookApi.Events;
using GitOps.WebhookApi.Notifications;
using GitOps.WebhookApi.Notifications.Mqtt;
using Microsoft.Extensions.Logging.Abstractions;

namespace GitOps.WebhookApi.Tests.Notifications;

public sealed class NotificationPublisherTests : IDisposable
{
    private readonly TempDirectory _directory = new("gitops-publisher");
    private readonly List<SignedNotification> _sent = [];
    private readonly List<FeedEvent> _feed = [];
    private bool _leader;

    private sealed class RecordingSink(List<SignedNotification> sent) : INotificationSink
    {
        public string Name => "recording";

        public void Enqueue(SignedNotification notification) => sent.Add(notification);
    }

    private NotificationPublisher Open(NotificationKeyRing keys) => new(keys, [new RecordingSink(_sent)], _feed.Add, () => ConfigSnapshot.Empty,
        () => _leader, PublishedState.Store(Path.Combine(_directory.Path, "notifications.state"), NullLogger.Instance), false, TimeProvider.System,
        NullLogger<NotificationPublisher>.Instance);

    private NotificationKeyRing Keys() => new(Path.Combine(_directory.Path, "notifications.key"), TimeSpan.FromDays(1), TimeProvider.System, NullLogger.Instance);

    [Fact]
    public void Follower_RecordsWithoutPublishing_AndAsLeaderPublishesOnlyRealChanges_EvenAfterARestart()
    {
        var keys = Keys();
        var publisher = Open(keys);

        Assert.Empty(publisher.Publish(Pass("h1")));
        Assert.Empty(_sent);

        _leader = true;
        Assert.Empty(publisher.Publish(Pass("h1"))); // the old leader announced it already
        var published = Assert.Single(publisher.Publish(Pass("h2")));
        Assert.Same(published, Assert.Single(_sent));
        Assert.Same(published, Assert.IsType<FeedEvent.Notified>(Assert.Single(_feed)).Notification);
        Assert.Equal(("h2", "h1"), (published.Event.Hash, published.Event.PreviousHash));
        var verifier = new NotificationVerifier(keys.Keys().Select(k => NotificationKey.FromPublicKey(k.PublicKey)));
        Assert.IsType<VerificationResult.Verified>(verifier.Verify(published.Payload.Span, published.KeyId, published.Signature.Span));

        // A restart (new publisher, same state file) with nothing changed sends nothing.
        Assert.Empty(Open(keys).Publish(Pass("h2")));
        Assert.Single(_sent);
    }

    [Fact]
    public void PendingQueue_KeepsTheNewestPerPlugin_EvictsTheOldestPlugin_AndCompletesOnlyWhatWasSent()
    {
        var keys = Keys();
        var queue = new PendingNotifications(capacity: 2);
        var a1 = Signed(keys, "a", "1");
        var a2 = Signed(keys, "a", "2");
        var b1 = Signed(keys, "b", "1");
        var c1 = Signed(keys, "c", "1");

        Assert.Equal((false, false), queue.Put(a1));
        Assert.Equal((true, false), queue.Put(a2));
        queue.Complete(a1); // sent before a2 replaced it: a2 still waits
        Assert.Same(a2, queue.Peek());
        Assert.Equal((false, false), queue.Put(b1));
        Assert.Equal((false, true), queue.Put(c1)); // full: a's event, the oldest, goes
        Assert.Same(b1, queue.Peek());
        queue.Complete(b1);
        Assert.Same(c1, queue.Peek());
        Assert.Equal(1, queue.Count);
    }

    private static SignedNotification Signed(NotificationKeyRing keys, string plugin, string hash) =>
        NotificationEnvelope.Sign(new ChangeNotification(Guid.NewGuid().ToString(), plugin, "c", hash, null, [], "Succeeded", DateTimeOffset.UtcNow, null), keys);

    private static ChangeDetector.Pass Pass(string hash) =>
        new(ReconcileOutcome.Succeeded, "head", [new ChangeDetector.PluginPass("models", hash, hash, false)]);

    public void Dispose() => _directory.Dispose();
}
