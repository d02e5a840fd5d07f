namespace GitOps.Reconciler.Git.Remote;

/// <summary>Coalesces fetches of the remote: callers share fetches, and fetches start at most once per
/// <c>minInterval</c>, so a burst of webhook pushes costs a leading fetch and at most one trailing fetch per interval.</summary>
/// <remarks>
/// The guarantee each caller gets: the fetch it awaits started after it called, so it sees every push that was
/// acknowledged before the call. A caller that arrives while nothing runs and the interval has passed starts a fetch
/// at once (a single push is not delayed); otherwise it joins the one queued fetch, which starts when the running one
/// has finished and the interval since the last start has passed. With the default 500 ms interval, 100 pushes in one
/// second cause at most 3 fetches.
/// </remarks>
internal sealed class FetchCoalescer<T>(Func<CancellationToken, Task<T>> fetch, TimeSpan minInterval, TimeProvider time)
{
    public static readonly TimeSpan DefaultMinInterval = TimeSpan.FromMilliseconds(500);

    private readonly Lock _lock = new();
    private Task<T>? _running;
    private TaskCompletionSource<T>? _queued;
    private DateTimeOffset _lastStart = DateTimeOffset.MinValue;
    private long _started;

    /// <summary>How many fetches were started.</summary>
    public long FetchCount => Interlocked.Read(ref _started);

    /// <summary>Waits for a fetch that starts after this call. Cancelling stops the wait, not the shared fetch.</summary>
    public Task<T> FetchAsync(CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (_queued is not null) return _queued.Task.WaitAsync(cancellationToken);
            var idle = _running is null || _running.IsCompleted;
            if (idle && time.GetUtcNow() - _lastStart >= minInterval) return StartLocked().WaitAsync(cancellationToken);
            var queued = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
            _queued = queued;
            _ = RunQueuedAsync(_running, queued);
            return queued.Task.WaitAsync(cancellationToken);
        }
    }

    private Task<T> StartLocked()
    {
        _lastStart = time.GetUtcNow();
        Interlocked.Increment(ref _started);
        // Task.Run: the fetch's synchronous part must not run under the lock.
        _running = Task.Run(() => fetch(CancellationToken.None));
        return _running;
    }

    private async Task RunQueuedAsync(Task<T>? previous, TaskCompletionSource<T> queued)
    {
        if (previous is not null) await ((Task)previous).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        TimeSpan wait;
        lock (_lock) wait = _lastStart + minInterval - time.GetUtcNow();
        if (wait > TimeSpan.Zero) await Task.Delay(wait, time);
        Task<T> running;
        lock (_lock)
        {
            _queued = null;
            running = StartLocked();
        }
        try
        {
            queued.SetResult(await running);
        }
        catch (OperationCanceledException ex)
        {
            queued.SetCanceled(ex.CancellationToken);
        }
        catch (Exception ex)
        {
            queued.SetException(ex);
        }
    }
}
