using GitOps.Reconciler.Kubernetes;
using GitOps.TestSupport.Kubernetes;
using Microsoft.Extensions.Logging.Abstractions;
using static GitOps.Reconciler.Tests.Kubernetes.KubeTestPlugins;

namespace GitOps.Reconciler.Tests.Kubernetes;

public sealed class KubernetesTargetsTests
{
    [Fact]
    public void Create_WithoutKubernetes_IsAlwaysLeaderAndHasNoTarget()
    {
        using var targets = KubernetesTargets.Create(new KubernetesOptions(), _ => null, TimeProvider.System, NullLoggerFactory.Instance);

        Assert.False(targets.Connection.Enabled);
        Assert.True(targets.Election.IsLeader);
        Assert.Null(targets.ConfigMaps);
    }

    [Fact]
    public async Task Create_WithKubeconfig_ElectsThroughTheLease_AndCountsOnlyTargetCalls()
    {
        await using var server = await FakeKubeApiServer.StartAsync("ops");
        var options = new KubernetesOptions
        {
            Kubeconfig = server.KubeconfigPath,
            ConfigMapPrefix = "cfg",
            LeaseDuration = TimeSpan.FromSeconds(30),
            RenewDeadline = TimeSpan.FromSeconds(20),
            RetryPeriod = TimeSpan.FromSeconds(0.5),
        };
        using var targets = KubernetesTargets.Create(options, n => n == "POD_NAME" ? "pod-0" : null, TimeProvider.System, NullLoggerFactory.Instance);
        using var stop = new CancellationTokenSource();
        var running = targets.Election.RunAsync(stop.Token);

        using (var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30)))
            while (!targets.Election.IsLeader) await Task.Delay(50, timeout.Token);
        var outcome = await targets.ConfigMaps!.EnsureAsync(Plugin("models", ("sources.yaml", "a: 1\n")), "c1", default);
        await stop.CancelAsync();
        await running;

        Assert.Equal("pod-0", targets.Election.CurrentLeader);
        Assert.Equal("cfg-models", Assert.IsType<ConfigMapOutcome.Created>(outcome).Name);
        Assert.Equal(2, targets.Calls.Writes); // the ConfigMap and its Event; Lease writes are not counted
        // Released on stop (with an update: the Role has no delete on leases): no holder, a 1 s lease.
        var lease = server.Store.Find(KubeResourceType.Leases, "ops", "gitops-reconciler")!;
        Assert.True(string.IsNullOrEmpty(lease["spec"]?["holderIdentity"]?.GetValue<string>()));
        Assert.Equal(1, lease["spec"]?["leaseDurationSeconds"]?.GetValue<int>());
    }
}
