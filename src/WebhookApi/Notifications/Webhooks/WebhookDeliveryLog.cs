namespace GitOps.WebhookApi.Notifications.Webhooks;

/// <summary>The recent deliveries, newest last, bounded by <see cref="WebhookDeliveryOptions.LogCapacity"/>: past it the oldest
/// finished delivery is forgotten (unfinished ones are already bounded by the queues). In memory, per replica.</summary>
internal sealed class WebhookDeliveryLog(IOptions<WebhookDeliveryOptions> options)
{
    private readonly Lock _lock = new();
    private readonly LinkedList<string> _order = new();
    private readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly int _capacity = options.Value.LogCapacity;

    public void Add(WebhookDelivery delivery, DeliveryView view)
    {
        lock (_lock)
        {
            _entries[delivery.Id] = new Entry(delivery, view, _order.AddLast(delivery.Id));
            if (_entries.Count > _capacity) EvictOne();
        }
    }

    /// <summary>Changes the view of a delivery still in the log; returns the new view (null when it was forgotten).</summary>
    public DeliveryView? Update(string id, Func<DeliveryView, DeliveryView> change)
    {
        lock (_lock)
        {
            if (!_entries.TryGetValue(id, out var entry)) return null;
            var view = change(entry.View);
            _entries[id] = entry with { View = view };
            return view;
        }
    }

    public (WebhookDelivery Delivery, DeliveryView View)? Find(string id)
    {
        lock (_lock) return _entries.TryGetValue(id, out var entry) ? (entry.Delivery, entry.View) : null;
    }

    /// <summary>Up to <paramref name="limit"/> deliveries, newest first.</summary>
    public ImmutableArray<DeliveryView> Recent(int limit, DeliveryState? state = null)
    {
        lock (_lock)
        {
            var result = ImmutableArray.CreateBuilder<DeliveryView>();
            for (var node = _order.Last; node is not null && result.Count < limit; node = node.Previous)
            {
                var view = _entries[node.Value].View;
                if (state is null || view.State == state) result.Add(view);
            }
            return result.ToImmutable();
        }
    }

    private void EvictOne()
    {
        for (var node = _order.First; node is not null; node = node.Next)
        {
            if (!_entries[node.Value].View.IsFinished) continue;
            _entries.Remove(node.Value);
            _order.Remove(node);
            return;
        }
    }

    private sealed record Entry(WebhookDelivery Delivery, DeliveryView View, LinkedListNode<string> Node);
}
