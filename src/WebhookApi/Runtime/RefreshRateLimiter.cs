using System.Collections.Concurrent;
using System.Threading.RateLimiting;

namespace GitOps.WebhookApi.Runtime;

/// <summary>The outcome of asking for a refresh permit.</summary>
internal abstract record RateDecision
{
    private RateDecision() { }

    public sealed record Allowed : RateDecision;

    /// <param name="RetryAfterSeconds">Whole seconds, rounded up, until the bucket has a token again.</param>
    public sealed record Limited(int RetryAfterSeconds) : RateDecision;
}

/// <summary>Token buckets for refreshes, partitioned by key (one per source, one per plugin).</summary>
/// <remarks>Each partition is a <see cref="TokenBucketRateLimiter"/> (no auto-replenishment) refilled by
/// <see cref="TimeProvider"/> time: a bucket that drops below full starts a window, and when the window has passed it is
/// refilled. That makes the time until the next token exact, so <c>Retry-After</c> (rounded up) is never too early.</remarks>
internal sealed class RefreshRateLimiter(IOptions<RateLimitOptions> options, TimeProvider time) : IDisposable
{
    private readonly RateLimitOptions _options = options.Value;
    private readonly ConcurrentDictionary<string, Bucket> _buckets = new(StringComparer.Ordinal);

    public RateDecision TryAcquire(RefreshScope scope, string key)
    {
        var limit = scope == RefreshScope.Plugin ? _options.PluginRefreshPerWindow : _options.SourceRefreshPerWindow;
        var bucket = _buckets.GetOrAdd($"{scope}:{key}", _ => new Bucket(NewFullBucket(limit)));
        lock (bucket)
        {
            var now = time.GetUtcNow();
            var available = bucket.Limiter.GetStatistics()?.CurrentAvailablePermits ?? 0;
            if (available < limit && now >= bucket.WindowEndsAt)
            {
                // The window has passed: refill. The limiter's own replenishment reads the real clock, so the refill is
                // a fresh full bucket, which keeps TimeProvider the only clock.
                bucket.Limiter.Dispose();
                bucket.Limiter = NewFullBucket(limit);
                available = limit;
            }
            using var lease = bucket.Limiter.AttemptAcquire(1);
            if (!lease.IsAcquired)
                return new RateDecision.Limited((int)Math.Max(1, Math.Ceiling((bucket.WindowEndsAt - now).TotalSeconds)));
            if (available == limit) bucket.WindowEndsAt = now + _options.Window;
            return new RateDecision.Allowed();
        }
    }

    private TokenBucketRateLimiter NewFullBucket(int limit) => new(new TokenBucketRateLimiterOptions
    {
        TokenLimit = limit,
        TokensPerPeriod = limit,
        ReplenishmentPeriod = _options.Window,
        QueueLimit = 0,
        AutoReplenishment = false,
    });

    public void Dispose()
    {
        foreach (var bucket in _buckets.Values) bucket.Limiter.Dispose();
    }

    private sealed class Bucket(TokenBucketRateLimiter limiter)
    {
        public TokenBucketRateLimiter Limiter { get; set; } = limiter;

        public DateTimeOffset WindowEndsAt { get; set; }
    }
}
