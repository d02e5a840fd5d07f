using System.Collections.Concurrent;
using GitOps.Reconciler.Reconciliation;
using GitOps.TestSupport.Git;
using GitOps.TestSupport.Hosting;
using GitOps.TestSupport.Reconciliation;
using GitOps.WebhookApi.Reconciliation;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit.Abstractions;

namespace GitOps.WebhookApi.Tests.Reconciliation;

/// <summary>Issue 12: a pass's own fetch moves the store to the remote head, which used to ask for one more (no-op) pass
/// and so one more fetch. Counts passes and fetches per remote change against a real <c>git daemon</c>; no timing.</summary>
public sealed class RemoteChangePassTests(ITestOutputHelper output)
{
    private const int Changes = 3;

    [Fact]
    public async Task ARemoteChangeAnnouncedByAWebhook_CostsExactlyOnePassAndOneFetch()
    {
        using var seedRoot = new TempDirectory("gitops-remote-change-seed");
        var seed = ConfigRepoSeed.Write(seedRoot.Path);
        await using var remote = await RemoteRepository.StartAsync(seed);
        using var store = await RemoteStore.OpenAsync(remote.Scratch("replica"), remote.Url, seed);
        await using var replica = ReconcileReplica.Start(store.Store, kube: null, remote: store.Sync);
        var trigger = new ReconcileTrigger();
        using var requests = new ReconcileRequests(replica.Pass, trigger, store.Store, replica.Election, NullLogger<ReconcileRequests>.Instance);
        // Each finished pass with the fetches that ran since the one before (a pass fetches inside RunAsync).
        var passes = new ConcurrentQueue<(string Reason, long Fetches)>();
        long seen = 0;
        replica.Pass.Completed += report =>
        {
            var now = store.Sync.FetchCount;
            passes.Enqueue((report.Reason, now - Interlocked.Exchange(ref seen, now)));
        };
        await requests.StartAsync(CancellationToken.None);

        for (var i = 1; i <= Changes; i++)
        {
            var head = remote.CommitFile(ConfigRepoSeed.CounterPath, ConfigRepoSeed.Counter(i), $"models: counter {i}");
            trigger.Request(new ReconcileRequest($"push {i}", Fetch: true));
            await WaitForAsync(passes, $"push {i}");
            Assert.Equal(head, replica.Pass.AppliedHead);
            // Anything the push pass asked for is pending (or running) by now: the sentinel comes after it or joins it.
            trigger.Request(new ReconcileRequest($"sentinel {i}", Fetch: false));
            await WaitForAsync(passes, $"sentinel {i}");
        }
        await requests.StopAsync(CancellationToken.None);

        // A pass that serves the change (its push, or a "commit" request the change raised) counts against the change,
        // even when a sentinel joined it; a pass for the sentinel alone does not.
        var forChanges = passes.Where(p => p.Reason.Contains("push", StringComparison.Ordinal) || p.Reason.Contains("commit", StringComparison.Ordinal)).ToList();
        output.WriteLine($"passes: {string.Join(" | ", passes.Select(p => $"{p.Reason} ({p.Fetches} fetch)"))}");
        output.WriteLine($"per remote change: {forChanges.Count / (double)Changes:0.##} passes, {forChanges.Sum(p => p.Fetches) / (double)Changes:0.##} fetches");
        Assert.Equal(
            ["start-up", .. Enumerable.Range(1, Changes).SelectMany(i => new[] { $"push {i}", $"sentinel {i}" })],
            passes.Select(p => p.Reason).ToArray());
        Assert.All(forChanges, p => Assert.Equal(1, p.Fetches));
    }

    private static async Task WaitForAsync(ConcurrentQueue<(string Reason, long Fetches)> passes, string reason)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (!passes.Any(p => p.Reason.Contains(reason, StringComparison.Ordinal))) await Task.Delay(20, timeout.Token);
    }
}
