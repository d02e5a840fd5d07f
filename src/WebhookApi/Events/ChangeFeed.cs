namespace GitOps.WebhookApi.Events;

/// <summary>What happened, as the in-process feed tells it.</summary>
internal abstract record FeedEvent
{
    private FeedEvent() { }

    /// <summary>The store moved to a new snapshot: a commit through the API, or a fetched/reloaded head.</summary>
    public sealed record HeadChanged(string Head, string SnapshotHash, ImmutableArray<string> Plugins) : FeedEvent;

    /// <summary>A running source's status changed (state, applied hash, entity count or refresh time); null when it stopped.</summary>
    public sealed record SourceChanged(string Plugin, string Source, SourceStatus? Status) : FeedEvent;

    /// <summary>A signed change notification was published (issue 16); the event stream forwards it.</summary>
    public sealed record Notified(Notifications.SignedNotification Notification) : FeedEvent;

    /// <summary>A reconcile pass finished (every pass, whatever its outcome).</summary>
    public sealed record PassFinished(ReconcileReport Report) : FeedEvent;
}

/// <summary>The in-process event source: commits and reloads from <see cref="GitConfigStore.SnapshotChanged"/>, source
/// status changes from <see cref="PluginHost.Published"/>, finished passes from <see cref="ReconcilePass.Completed"/>. Subscribers (GraphQL subscriptions; later notifications) get
/// every event after they subscribed; a subscriber must not block (it runs on the writer's thread).</summary>
internal sealed class ChangeFeed : IObservable<FeedEvent>, IDisposable
{
    private readonly GitConfigStore _store;
    private readonly PluginHost _host;
    private readonly ReconcilePass? _pass;
    private readonly Lock _lock = new();
    private ImmutableArray<IObserver<FeedEvent>> _observers = [];

    public ChangeFeed(GitConfigStore store, PluginHost host, ReconcilePass? pass = null)
    {
        _store = store;
        _host = host;
        _pass = pass;
        store.SnapshotChanged += OnSnapshot;
        host.Published += OnPublished;
        if (pass is not null) pass.Completed += OnPassCompleted;
    }

    public IDisposable Subscribe(IObserver<FeedEvent> observer)
    {
        lock (_lock) _observers = _observers.Add(observer);
        return new Subscription(this, observer);
    }

    public void Dispose()
    {
        _store.SnapshotChanged -= OnSnapshot;
        _host.Published -= OnPublished;
        if (_pass is not null) _pass.Completed -= OnPassCompleted;
        ImmutableArray<IObserver<FeedEvent>> observers;
        lock (_lock) (observers, _observers) = (_observers, []);
        foreach (var observer in observers) observer.OnCompleted();
    }

    private void OnSnapshot(ConfigSnapshot snapshot) =>
        Publish(new FeedEvent.HeadChanged(snapshot.Head, snapshot.Hash, [.. snapshot.Plugins.Keys]));

    private void OnPassCompleted(ReconcileReport report) => Publish(new FeedEvent.PassFinished(report));

    private void OnPublished(RunningPlugin? before, RunningPlugin? after)
    {
        var name = after?.Name ?? before?.Name ?? "";
        foreach (var source in after?.Sources ?? [])
        {
            var old = before?.FindSource(source.Id)?.Status;
            if (old is null || !SameStatus(old, source.Status)) Publish(new FeedEvent.SourceChanged(name, source.Id, source.Status));
        }
        foreach (var source in before?.Sources ?? [])
            if (after?.FindSource(source.Id) is null) Publish(new FeedEvent.SourceChanged(name, source.Id, null));
    }

    private static bool SameStatus(SourceStatus a, SourceStatus b) =>
        a.State == b.State && a.AppliedHash == b.AppliedHash && a.EntityCount == b.EntityCount && a.LastRefreshedAt == b.LastRefreshedAt;

    /// <summary>Tells every subscriber about <paramref name="value"/> (the store and host events are wired here; other
    /// producers, such as the notification publisher, call this).</summary>
    public void Publish(FeedEvent value)
    {
        foreach (var observer in _observers) observer.OnNext(value);
    }

    private sealed class Subscription(ChangeFeed feed, IObserver<FeedEvent> observer) : IDisposable
    {
        public void Dispose()
        {
            lock (feed._lock) feed._observers = feed._observers.Remove(observer);
        }
    }
}
