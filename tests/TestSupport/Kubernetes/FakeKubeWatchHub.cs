using System.Text.Json.Nodes;
using System.Threading.Channels;

namespace GitOps.TestSupport.Kubernetes;

/// <summary>One change in the store's history, as a watch sends it.</summary>
public sealed record WatchRecord(long ResourceVersion, string Type, KubeResourceType ResourceType, string Namespace, JsonObject Object);

/// <summary>
/// The store's change history and its open watches. Every method is called under the store's lock, so a watch
/// that subscribes sees exactly the changes after its backlog, none twice and none missing.
/// </summary>
internal sealed class FakeKubeWatchHub(int historyLimit)
{
    private readonly LinkedList<WatchRecord> history = new();
    private readonly List<Subscription> subscriptions = [];

    /// <summary>Resource versions at or below this are compacted away; watching from before it answers 410 Expired.</summary>
    public long CompactedThrough { get; private set; }

    public void Publish(WatchRecord record)
    {
        history.AddLast(record);
        while (history.Count > historyLimit)
        {
            CompactedThrough = history.First!.Value.ResourceVersion;
            history.RemoveFirst();
        }
        foreach (var subscription in subscriptions)
            if (subscription.Wants(record))
                subscription.Channel.Writer.TryWrite(record);
    }

    /// <summary>Forgets all history up to <paramref name="resourceVersion"/>, as etcd compaction does.</summary>
    public void Compact(long resourceVersion)
    {
        while (history.First is { } first && first.Value.ResourceVersion <= resourceVersion) history.RemoveFirst();
        CompactedThrough = Math.Max(CompactedThrough, resourceVersion);
    }

    public IEnumerable<WatchRecord> Since(long resourceVersion) => history.Where(r => r.ResourceVersion > resourceVersion);

    public Subscription Subscribe(KubeResourceType type, string? ns)
    {
        var subscription = new Subscription(type, ns, Channel.CreateUnbounded<WatchRecord>(new() { SingleReader = true }));
        subscriptions.Add(subscription);
        return subscription;
    }

    public void Unsubscribe(Subscription subscription)
    {
        subscriptions.Remove(subscription);
        subscription.Channel.Writer.TryComplete();
    }

    public int OpenWatches => subscriptions.Count;

    internal sealed record Subscription(KubeResourceType Type, string? Namespace, Channel<WatchRecord> Channel)
    {
        public bool Wants(WatchRecord record) =>
            record.ResourceType == Type && (Namespace is null || record.Namespace == Namespace);
    }
}
