using System.Collections.Concurrent;
using GitOps.Reconciler.Reconciliation;
using GitOps.TestSupport.Git;
using GitOps.TestSupport.Kubernetes;
using GitOps.TestSupport.Reconciliation;
using GitOps.WebhookApi.Reconciliation;
using Microsoft.Extensions.Logging.Abstractions;

namespace GitOps.WebhookApi.Tests.Reconciliation;

public sealed class ReconcileRequestsTests
{
    [Fact]
    public async Task RequestsDuringAPass_CoalesceIntoExactlyOneMorePass()
    {
        using var repo = new TestStore();
        await using var server = await FakeKubeApiServer.StartAsync("gitops-system");
        await using var replica = ReconcileReplica.Start(repo.Store, server);
        await replica.WaitForLeadershipAsync();
        var trigger = new ReconcileTrigger();
        using var requests = new ReconcileRequests(replica.Pass, trigger, repo.Store, replica.Election, NullLogger<ReconcileRequests>.Instance);
        var reasons = new ConcurrentQueue<string>();
        replica.Pass.Completed += report => reasons.Enqueue(report.Reason);
        await requests.StartAsync(CancellationToken.None);

        // Hold the next pass inside its ConfigMap listing while more requests arrive.
        using var entered = new SemaphoreSlim(0);
        using var release = new ManualResetEventSlim();
        server.Faults.BeforeNext("GET", "configmaps", _ =>
        {
            entered.Release();
            release.Wait(TimeSpan.FromSeconds(60));
        });
        trigger.Request(new ReconcileRequest("first", false));
        Assert.True(await entered.WaitAsync(TimeSpan.FromSeconds(30)));
        foreach (var i in Enumerable.Range(1, 5)) trigger.Request(new ReconcileRequest($"r{i}", false));
        release.Set();
        await WaitForAsync(reasons, "r5");
        trigger.Request(new ReconcileRequest("sentinel", false));
        await WaitForAsync(reasons, "sentinel");
        await requests.StopAsync(CancellationToken.None);

        Assert.Equal(["start-up", "first", "r1, r2, r3, r4, r5", "sentinel"], reasons.ToArray());
    }

    [Fact]
    public async Task ACommitByTheStore_RequestsAPass_ThatAppliesIt()
    {
        using var repo = new TestStore();
        await using var replica = ReconcileReplica.Start(repo.Store, kube: null);
        var trigger = new ReconcileTrigger();
        using var requests = new ReconcileRequests(replica.Pass, trigger, repo.Store, replica.Election, NullLogger<ReconcileRequests>.Instance);
        var reasons = new ConcurrentQueue<string>();
        replica.Pass.Completed += report => reasons.Enqueue(report.Reason);
        await requests.StartAsync(CancellationToken.None);

        await repo.Store.MutateAsync(Mutations.IncrementCounter(null));
        await WaitForAsync(reasons, "commit");
        await requests.StopAsync(CancellationToken.None);

        Assert.Equal(repo.Store.Current.Head, replica.Pass.AppliedHead);
        Assert.Equal(repo.Store.Current.Plugins["models"].Hash, replica.Host.GetAppliedHash("models"));
    }

    private static async Task WaitForAsync(ConcurrentQueue<string> reasons, string reason)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (!reasons.Any(r => r.Contains(reason, StringComparison.Ordinal))) await Task.Delay(20, timeout.Token);
    }
}
