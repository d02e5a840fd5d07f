namespace GitOps.TestSupport.Kubernetes;

/// <summary>
/// Faults the fake API server injects: error answers for the next N (matching) requests, an action run just before a
/// matching request (a concurrent writer), added latency, and dropping every open watch connection.
/// </summary>
public sealed class FakeKubeFaults : IDisposable
{
    private readonly Lock gate = new();
    private readonly List<Rule> rules = [];
    private CancellationTokenSource watchDrop = new();

    /// <summary>Delay added before every request is handled.</summary>
    public TimeSpan Latency { get; set; }

    /// <summary>
    /// The next <paramref name="count"/> requests matching <paramref name="method"/> (any when null) and a path containing
    /// <paramref name="pathContains"/> (any when null) answer <paramref name="statusCode"/> (500 InternalError or 429
    /// TooManyRequests with Retry-After) instead of being handled.
    /// </summary>
    public void FailNext(int count, int statusCode = 500, string? method = null, string? pathContains = null, int retryAfterSeconds = 1)
    {
        lock (gate) rules.Add(new Rule(method, pathContains, count, statusCode, retryAfterSeconds, null));
    }

    /// <summary>Runs <paramref name="action"/> against the store just before the next matching request is handled, once.</summary>
    public void BeforeNext(string? method, string? pathContains, Action<FakeKubeStore> action)
    {
        lock (gate) rules.Add(new Rule(method, pathContains, 1, 0, 0, action));
    }

    /// <summary>Aborts every open watch connection (the client sees the stream break).</summary>
    public void DropWatches()
    {
        CancellationTokenSource old;
        lock (gate)
        {
            old = watchDrop;
            watchDrop = new CancellationTokenSource();
        }
        old.Cancel();
        old.Dispose();
    }

    public void Clear()
    {
        lock (gate) rules.Clear();
        Latency = TimeSpan.Zero;
    }

    public void Dispose()
    {
        lock (gate) watchDrop.Dispose();
    }

    internal CancellationToken WatchDropToken
    {
        get { lock (gate) return watchDrop.Token; }
    }

    /// <summary>The first rule matching the request, with one use consumed; null when none matches.</summary>
    internal Rule? Take(string method, string path)
    {
        lock (gate)
        {
            var rule = rules.FirstOrDefault(r => r.Matches(method, path));
            if (rule is null) return null;
            if (--rule.Remaining <= 0) rules.Remove(rule);
            return rule;
        }
    }

    internal sealed class Rule(string? method, string? pathContains, int remaining, int statusCode, int retryAfterSeconds, Action<FakeKubeStore>? before)
    {
        public int Remaining { get; set; } = remaining;

        public int StatusCode { get; } = statusCode;

        public int RetryAfterSeconds { get; } = retryAfterSeconds;

        public Action<FakeKubeStore>? Before { get; } = before;

        public bool Matches(string requestMethod, string path) =>
            (method is null || string.Equals(method, requestMethod, StringComparison.OrdinalIgnoreCase))
            && (pathContains is null || path.Contains(pathContains, StringComparison.Ordinal));
    }
}
