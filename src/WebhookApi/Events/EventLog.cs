using System.Globalization;
using System.Threading.Channels;

namespace GitOps.WebhookApi.Events;

/// <summary>The event stream's memory: every <see cref="ChangeFeed"/> event numbered and kept in a bounded ring
/// (<see cref="EventStreamOptions.BufferSize"/>), so a client that reconnects with <c>Last-Event-ID</c> gets what it missed.
/// Ids are <c>{stream}-{sequence}</c>; the stream part is new each process start, so an id from before a restart is
/// recognised as unknown instead of being mistaken for a recent one.</summary>
internal sealed class EventLog : IObserver<FeedEvent>, IDisposable
{
    private readonly Lock _lock = new();
    private readonly StreamEvent?[] _ring;
    private readonly List<Channel<StreamEvent>> _listeners = [];
    private readonly int _listenerCapacity;
    private readonly IDisposable _subscription;
    private long _next = 1;

    public EventLog(ChangeFeed feed, IOptions<EventStreamOptions> options, TimeProvider time)
    {
        _ring = new StreamEvent?[options.Value.BufferSize];
        _listenerCapacity = options.Value.ClientBufferSize;
        Stream = time.GetUtcNow().ToUnixTimeMilliseconds().ToString("x", CultureInfo.InvariantCulture);
        _subscription = feed.Subscribe(this);
    }

    /// <summary>This process's stream id (the first part of every event id).</summary>
    public string Stream { get; }

    public string IdOf(long sequence) => $"{Stream}-{sequence.ToString(CultureInfo.InvariantCulture)}";

    public void OnNext(FeedEvent value)
    {
        if (StreamEvent.Describe(value) is not { } described) return;
        var (name, data) = described;
        lock (_lock)
        {
            var item = new StreamEvent(_next++, name, data, value);
            _ring[item.Sequence % _ring.Length] = item;
            // A client that does not read falls behind; its stream ends (it reconnects with Last-Event-ID) rather than
            // holding events or slowing the writer.
            _listeners.RemoveAll(listener => !listener.Writer.TryWrite(item) && listener.Writer.TryComplete());
        }
    }

    public void OnCompleted()
    {
        lock (_lock) foreach (var listener in _listeners) listener.Writer.TryComplete();
    }

    public void OnError(Exception error) => OnCompleted();

    /// <summary>Starts listening: the events after <paramref name="lastEventId"/> still in the ring, then every new one,
    /// with nothing lost or repeated in between. <see cref="Resume.Reset"/> when the id cannot be resumed from.</summary>
    public Resume Listen(string? lastEventId, out ChannelReader<StreamEvent> live, out IDisposable subscription)
    {
        var channel = Channel.CreateBounded<StreamEvent>(new BoundedChannelOptions(_listenerCapacity) { SingleReader = true, SingleWriter = true });
        lock (_lock)
        {
            _listeners.Add(channel);
            live = channel.Reader;
            subscription = new Listener(this, channel);
            return Replay(lastEventId);
        }
    }

    private Resume Replay(string? lastEventId)
    {
        if (string.IsNullOrEmpty(lastEventId)) return new Resume.Fresh(_next - 1);
        var latest = _next - 1;
        var oldest = Math.Max(1, _next - _ring.Length);
        var dash = lastEventId.LastIndexOf('-');
        if (dash <= 0 || lastEventId[..dash] != Stream
            || !long.TryParse(lastEventId[(dash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var seen) || seen > latest)
            return new Resume.Reset(latest, "unknown", "The Last-Event-ID is not from this server process (it restarted, or another replica answered); reload what you show");
        if (seen < oldest - 1)
            return new Resume.Reset(latest, "too-old", $"Events after {lastEventId} are no longer kept (the last {_ring.Length} are); reload what you show");
        var missed = new List<StreamEvent>();
        for (var sequence = seen + 1; sequence <= latest; sequence++) missed.Add(_ring[sequence % _ring.Length]!);
        return new Resume.Replay(missed);
    }

    public void Dispose()
    {
        _subscription.Dispose();
        OnCompleted();
    }

    private sealed class Listener(EventLog log, Channel<StreamEvent> channel) : IDisposable
    {
        public void Dispose()
        {
            lock (log._lock) log._listeners.Remove(channel);
            channel.Writer.TryComplete();
        }
    }
}

/// <summary>Where a client's stream starts.</summary>
internal abstract record Resume
{
    private Resume() { }

    /// <summary>No Last-Event-ID: live events only, after <paramref name="Latest"/> (the sequence of the last event so far).</summary>
    public sealed record Fresh(long Latest) : Resume;

    /// <summary>The events missed since Last-Event-ID (possibly none), then live ones.</summary>
    public sealed record Replay(IReadOnlyList<StreamEvent> Missed) : Resume;

    /// <summary>Events were missed and cannot be replayed: the client must reload its state; live events follow.</summary>
    public sealed record Reset(long Latest, string Reason, string Detail) : Resume;
}
