namespace GitOps.WebhookApi.Webhooks;

/// <summary>Remembers recent delivery ids so that a redelivered or replayed webhook is processed once.</summary>
/// <remarks>Memory is bounded: at most <see cref="Capacity"/> ids, each kept for <see cref="Retention"/>;
/// the oldest are forgotten first. Ids are recorded only after the signature was verified, so an
/// unauthenticated caller cannot fill the log.</remarks>
internal sealed class DeliveryLog(TimeProvider time)
{
    public const int Capacity = 10_000;

    public static readonly TimeSpan Retention = TimeSpan.FromHours(24);

    private readonly Lock _lock = new();
    private readonly Dictionary<string, DateTimeOffset> _seen = new(StringComparer.Ordinal);
    private readonly Queue<(string Key, DateTimeOffset At)> _order = new();

    /// <summary>Records the id; false when it was already recorded (a duplicate).</summary>
    public bool TryRecord(string provider, string deliveryId)
    {
        var key = $"{provider}\n{deliveryId}";
        var now = time.GetUtcNow();
        lock (_lock)
        {
            while (_order.Count > 0 && (_order.Count >= Capacity || now - _order.Peek().At > Retention))
            {
                var (oldKey, at) = _order.Dequeue();
                if (_seen.TryGetValue(oldKey, out var seenAt) && seenAt == at) _seen.Remove(oldKey);
            }
            if (!_seen.TryAdd(key, now)) return false;
            _order.Enqueue((key, now));
            return true;
        }
    }

    /// <summary>Forgets an id whose delivery was refused (e.g. a malformed body), so a corrected redelivery is processed.</summary>
    public void Forget(string provider, string deliveryId)
    {
        lock (_lock) _seen.Remove($"{provider}\n{deliveryId}");
    }
}
