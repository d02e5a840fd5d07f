using System.Collections.Concurrent;
using GitOps.Reconciler.Git;

namespace GitOps.TestSupport.Git;

/// <summary>An embedded-mode publisher (accepts every commit, like <see cref="LocalPublisher"/>) that holds each publish
/// until the test releases it: the commits of the held batch are written and flushed, the branch has not moved. Lets a
/// test line writers up behind a batch, or kill the process between flush and branch move.</summary>
public sealed class GatedPublisher : ICommitPublisher, IDisposable
{
    private readonly ConcurrentQueue<PendingCommit> _published = new();
    private readonly SemaphoreSlim _started = new(0);
    private readonly SemaphoreSlim _released = new(0);

    public bool IsRemote => false;

    public bool CarriesBatch => true;

    /// <summary>Every publish so far, in order (a batch is one entry with <see cref="PendingCommit.Commits"/> &gt; 1).</summary>
    public IReadOnlyList<PendingCommit> Published => [.. _published];

    /// <summary>Called when a publish starts (before it waits), e.g. to report it from a probe process.</summary>
    public Action<PendingCommit>? OnPublish { get; set; }

    public async Task<PublishResult> PublishAsync(PendingCommit commit, CancellationToken cancellationToken)
    {
        _published.Enqueue(commit);
        OnPublish?.Invoke(commit);
        _started.Release();
        await _released.WaitAsync(cancellationToken);
        return new PublishResult.Accepted();
    }

    /// <summary>Waits until one more publish has started (and is held).</summary>
    public Task StartedAsync(TimeSpan? timeout = null) =>
        _started.WaitAsync(timeout ?? TimeSpan.FromSeconds(30)).ContinueWith(
            t => t.Result ? Task.CompletedTask : throw new TimeoutException("no publish started"), TaskScheduler.Default).Unwrap();

    /// <summary>Lets <paramref name="count"/> held (or future) publishes go on.</summary>
    public void Release(int count = 1) => _released.Release(count);

    public void Dispose()
    {
        _started.Dispose();
        _released.Dispose();
    }
}
