namespace GitOps.WebhookApi.Notifications.Mqtt;

/// <summary>The events waiting for the broker, oldest first, at most one per plugin (a newer event of the same plugin
/// replaces the waiting one: the retained topic keeps only the latest anyway) and at most <c>capacity</c> plugins.</summary>
/// <remarks>Thread-safe. An event leaves only through <see cref="Complete"/> after the broker acknowledged it, so an event
/// being sent when the connection breaks is sent again (at-least-once, same event id).</remarks>
internal sealed class PendingNotifications(int capacity)
{
    private readonly Lock _lock = new();
    private readonly LinkedList<SignedNotification> _order = new();
    private readonly Dictionary<string, LinkedListNode<SignedNotification>> _byPlugin = new(StringComparer.Ordinal);

    public int Count
    {
        get
        {
            lock (_lock) return _order.Count;
        }
    }

    /// <summary>Queues <paramref name="notification"/>; says whether it replaced a waiting event of the same plugin and
    /// whether the oldest plugin's event had to be evicted for room.</summary>
    public (bool Superseded, bool Evicted) Put(SignedNotification notification)
    {
        lock (_lock)
        {
            var superseded = false;
            if (_byPlugin.Remove(notification.Event.Plugin, out var old))
            {
                _order.Remove(old);
                superseded = true;
            }
            var evicted = false;
            if (_order.Count >= capacity && _order.First is { } oldest)
            {
                _order.RemoveFirst();
                _byPlugin.Remove(oldest.Value.Event.Plugin);
                evicted = true;
            }
            _byPlugin[notification.Event.Plugin] = _order.AddLast(notification);
            return (superseded, evicted);
        }
    }

    /// <summary>The oldest waiting event, left in the queue.</summary>
    public SignedNotification? Peek()
    {
        lock (_lock) return _order.First?.Value;
    }

    /// <summary>Removes <paramref name="notification"/> once sent, unless a newer event of its plugin replaced it meanwhile.</summary>
    public void Complete(SignedNotification notification)
    {
        lock (_lock)
        {
            if (_byPlugin.TryGetValue(notification.Event.Plugin, out var node) && ReferenceEquals(node.Value, notification))
            {
                _order.Remove(node);
                _byPlugin.Remove(notification.Event.Plugin);
            }
        }
    }
}
