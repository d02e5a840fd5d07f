using GitOps.Reconciler.Git.Remote;
using Microsoft.Extensions.Time.Testing;

namespace GitOps.Reconciler.Tests.Git.Remote;

public sealed class FetchCoalescerTests
{
    [Fact]
    public async Task FetchAsync_WhenIdle_StartsAtOnce()
    {
        var clock = new FakeTimeProvider();
        var coalescer = new FetchCoalescer<int>(_ => Task.FromResult(42), TimeSpan.FromMilliseconds(500), clock);

        Assert.Equal(42, await coalescer.FetchAsync(CancellationToken.None));
        Assert.Equal(1, coalescer.FetchCount);
    }

    [Fact]
    public async Task FetchAsync_CallsDuringARunningFetch_ShareOneTrailingFetchThatStartsAfterThem()
    {
        var clock = new FakeTimeProvider();
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var started = 0;
        var coalescer = new FetchCoalescer<int>(async _ =>
        {
            var n = Interlocked.Increment(ref started);
            if (n == 1) await gate.Task;
            return n;
        }, TimeSpan.FromMilliseconds(500), clock);

        var first = coalescer.FetchAsync(CancellationToken.None);
        var followers = Enumerable.Range(0, 50).Select(_ => coalescer.FetchAsync(CancellationToken.None)).ToList();
        gate.SetResult();
        Assert.Equal(1, await first);
        Assert.Equal(1, coalescer.FetchCount);
        // The trailing fetch waits out the interval on the fake clock. Its delay may be registered after any one
        // Advance, so keep the clock moving until the followers are served (bounded).
        var all = Task.WhenAll(followers);
        for (var i = 0; i < 1000 && !all.IsCompleted; i++)
        {
            clock.Advance(TimeSpan.FromMilliseconds(500));
            await Task.WhenAny(all, Task.Delay(10));
        }
        var results = await all;

        Assert.All(results, r => Assert.Equal(2, r));
        Assert.Equal(2, coalescer.FetchCount);
    }

    [Fact]
    public async Task FetchAsync_AFailedFetch_FailsItsWaitersAndTheNextCallFetchesAgain()
    {
        var clock = new FakeTimeProvider();
        var calls = 0;
        var coalescer = new FetchCoalescer<int>(_ => ++calls == 1 ? Task.FromException<int>(new IOException("remote down")) : Task.FromResult(calls), TimeSpan.Zero, clock);

        await Assert.ThrowsAsync<IOException>(() => coalescer.FetchAsync(CancellationToken.None));
        Assert.Equal(2, await coalescer.FetchAsync(CancellationToken.None));
    }
}
