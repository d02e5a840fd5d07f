using GitOps.Reconciler.Reconciliation;
using GitOps.TestSupport.Git;
using GitOps.TestSupport.Kubernetes;
using GitOps.TestSupport.Reconciliation;

namespace GitOps.Reconciler.Tests.Reconciliation;

/// <summary>Two replicas on one repository and one API server: every replica applies its plugins, only the leader writes.</summary>
public sealed class TwoReplicaReconcileTests
{
    [Fact]
    public async Task OnlyTheLeaderWritesConfigMaps_AndWhenItStopsTheOtherTakesOverAndWrites()
    {
        using var repo = new TestStore();
        using var secondStore = repo.OpenSecond();
        await using var server = await FakeKubeApiServer.StartAsync("gitops-system");
        await using var a = ReconcileReplica.Start(repo.Store, server, "replica-a");
        await using var b = ReconcileReplica.Start(secondStore, server, "replica-b");
        await Task.WhenAny(a.WaitForLeadershipAsync(), b.WaitForLeadershipAsync());
        var (leader, follower) = a.Election.IsLeader ? (a, b) : (b, a);

        var led = await leader.RunAsync();
        var followed = await follower.RunAsync();

        Assert.True(led.ConfigMapsChecked);
        Assert.False(followed.ConfigMapsChecked);
        Assert.Equal(ReconcileOutcome.Succeeded, followed.Outcome);
        Assert.Equal(0, follower.Targets.Calls.Writes);
        Assert.True(leader.Targets.Calls.Writes > 0);
        Assert.Equal(repo.Store.Current.Plugins.Keys, follower.Host.Plugins.Keys); // every replica runs the plugins

        await leader.StopElectionAsync();
        await follower.WaitForLeadershipAsync(TimeSpan.FromSeconds(30)); // the leader released the Lease: taken at the next 0.5 s retry
        using var kube = server.CreateClient();
        await k8s.CoreV1OperationsExtensions.DeleteNamespacedConfigMapAsync(kube.CoreV1, "gitops-models", server.Namespace);
        var takenOver = await follower.RunAsync();

        Assert.True(takenOver.ConfigMapsChecked);
        Assert.Contains("configmap gitops-models: Created", takenOver.Actions);
        Assert.True(follower.Targets.Calls.Writes > 0);
        Assert.NotNull(server.Store.Find(KubeResourceType.ConfigMaps, server.Namespace, "gitops-models"));
    }
}
