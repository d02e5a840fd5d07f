using GitOps.Reconciler.Git.Remote;
using GitOps.Reconciler.Reconciliation;
using Microsoft.Extensions.Hosting;

namespace GitOps.WebhookApi.Tests.Webhooks;

/// <summary>A stand-in reconcile job for tests: takes coalesced requests from the trigger like the real job, and for
/// those that ask for a fetch, fetches through a <see cref="FetchCoalescer{T}"/> whose fetch step counts itself.</summary>
internal sealed class RecordingReconcileConsumer(ReconcileTrigger trigger, TimeProvider fetchClock) : BackgroundService
{
    private readonly Lock _lock = new();
    private readonly List<ReconcileRequest> _passes = [];
    private readonly FetchCoalescer<int> _fetcher = new(_ => Task.FromResult(0), FetchCoalescer<int>.DefaultMinInterval, fetchClock);

    public IReadOnlyList<ReconcileRequest> Passes { get { lock (_lock) return [.. _passes]; } }

    public long Fetches => _fetcher.FetchCount;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var request = await trigger.WaitAsync(stoppingToken);
            if (request.Fetch) await _fetcher.FetchAsync(stoppingToken);
            lock (_lock) _passes.Add(request);
        }
    }

    /// <summary>Waits until a pass whose reason contains <paramref name="reason"/> has completed.</summary>
    public async Task WaitForPassAsync(string reason, Action? whileWaiting = null)
    {
        for (var i = 0; i < 500; i++)
        {
            if (Passes.Any(p => p.Reason.Contains(reason, StringComparison.Ordinal))) return;
            whileWaiting?.Invoke();
            await Task.Delay(20);
        }
        throw new TimeoutException($"no reconcile pass for '{reason}'; passes: {string.Join(" | ", Passes.Select(p => p.Reason))}");
    }
}
