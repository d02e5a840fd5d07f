using System.Threading.Channels;
using GitOps.Reconciler.GitHub;

namespace GitOps.WebhookApi.Webhooks;

/// <summary>Pull requests waiting for validation: a bounded channel between the webhook (which answers at once)
/// and <see cref="PullRequestValidationWorker"/>.</summary>
/// <remarks>When a pull request gets new commits before its validation ran, only the newest head is validated:
/// <see cref="IsSuperseded"/> tells the worker to skip the older one. When the queue is full the oldest entry is
/// dropped (and logged); the next push to that pull request validates it again.</remarks>
internal sealed partial class PullRequestQueue
{
    public const int Capacity = 64;

    private readonly Channel<PullRequestRef> _channel;
    private readonly Lock _lock = new();
    private readonly Dictionary<string, string> _latestHead = new(StringComparer.Ordinal);
    private readonly ILogger<PullRequestQueue> _logger;

    public PullRequestQueue(ILogger<PullRequestQueue> logger)
    {
        _logger = logger;
        _channel = Channel.CreateBounded<PullRequestRef>(
            new BoundedChannelOptions(Capacity) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true },
            dropped => LogDropped(dropped));
    }

    public ChannelReader<PullRequestRef> Reader => _channel.Reader;

    public void Enqueue(PullRequestRef pullRequest)
    {
        lock (_lock) _latestHead[Key(pullRequest)] = pullRequest.HeadSha;
        _channel.Writer.TryWrite(pullRequest);
    }

    /// <summary>True when a newer head of the same pull request was queued after this one.</summary>
    public bool IsSuperseded(PullRequestRef pullRequest)
    {
        lock (_lock)
            return _latestHead.TryGetValue(Key(pullRequest), out var latest) && !string.Equals(latest, pullRequest.HeadSha, StringComparison.Ordinal);
    }

    /// <summary>Forgets a pull request once its newest head was validated, so the map stays small.</summary>
    public void Done(PullRequestRef pullRequest)
    {
        lock (_lock)
        {
            var key = Key(pullRequest);
            if (_latestHead.TryGetValue(key, out var latest) && latest == pullRequest.HeadSha) _latestHead.Remove(key);
        }
    }

    private static string Key(PullRequestRef pr) => $"{pr.Provider}:{pr.Owner}/{pr.Repository}#{pr.Number}";

    [LoggerMessage(Level = LogLevel.Warning, Message = "Pull request validation queue is full; dropped {PullRequest}")]
    private partial void LogDropped(PullRequestRef pullRequest);
}
