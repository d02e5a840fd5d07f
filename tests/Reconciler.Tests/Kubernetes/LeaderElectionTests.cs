using GitOps.Reconciler.Kubernetes;
using GitOps.TestSupport.Git;
using GitOps.TestSupport.Kubernetes;
using GitOps.TestSupport.Reconciliation;
using k8s;
using Microsoft.Extensions.Logging.Abstractions;

namespace GitOps.Reconciler.Tests.Kubernetes;

/// <summary>Two replicas electing a leader through a Lease on the fake API server, with short test durations.</summary>
public sealed class LeaderElectionTests : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private readonly List<Replica> replicas = [];
    private FakeKubeApiServer server = null!;

    public async Task InitializeAsync() => server = await FakeKubeApiServer.StartAsync("gitops-system");

    public async Task DisposeAsync()
    {
        foreach (var replica in replicas) await replica.DisposeAsync();
        await server.DisposeAsync();
    }

    [Fact]
    public void AlwaysLeader_WithoutKubernetes_IsTheLeader()
    {
        var election = LeaderElection.AlwaysLeader("solo");

        Assert.Equal((false, true, "solo"), (election.Enabled, election.IsLeader, election.CurrentLeader));
    }

    [Fact]
    public async Task TwoReplicas_ElectExactlyOneLeader_NamedInTheLease()
    {
        var a = Start("replica-a");
        var b = Start("replica-b");

        var leader = await WaitForLeaderAsync(a, b);
        await WaitUntilAsync(() => a.Election.CurrentLeader == leader.Identity && b.Election.CurrentLeader == leader.Identity);

        Assert.Single(new[] { a, b }, r => r.Election.IsLeader);
        var lease = server.Store.Find(KubeResourceType.Leases, server.Namespace, "gitops-reconciler");
        Assert.Equal(leader.Identity, lease?["spec"]?["holderIdentity"]?.GetValue<string>());
    }

    [Fact]
    public async Task WhenTheLeaderStops_TheOtherTakesOver()
    {
        var a = Start("replica-a");
        var b = Start("replica-b");
        var leader = await WaitForLeaderAsync(a, b);
        var follower = leader == a ? b : a;
        var changes = new List<LeadershipChange>();
        follower.Election.Changed += (_, change) => { lock (changes) changes.Add(change); };

        await leader.StopAsync();
        await WaitUntilAsync(() => follower.Election.IsLeader);

        Assert.False(leader.Election.IsLeader);
        Assert.Equal(follower.Identity, follower.Election.CurrentLeader);
        lock (changes) Assert.Contains(changes, c => c.IsLeader);
        // The chart's Role grants leases get/create/update only: releasing must not need delete or patch.
        Assert.All(server.Requests.Where(r => r.Path.Contains("/leases", StringComparison.Ordinal)),
            r => Assert.Contains(r.Method, new[] { "GET", "POST", "PUT" }));
    }

    [Fact]
    public async Task WhenTheLeaderCrashesWithoutReleasing_TheOtherTakesOverAfterTheLeaseExpires()
    {
        var a = Start("replica-a", releaseOnStop: false);
        var b = Start("replica-b", releaseOnStop: false);
        var leader = await WaitForLeaderAsync(a, b);
        var follower = leader == a ? b : a;

        await leader.StopAsync();
        Assert.Equal(leader.Identity, server.Store.Find(KubeResourceType.Leases, server.Namespace, "gitops-reconciler")?["spec"]?["holderIdentity"]?.GetValue<string>());
        await WaitUntilAsync(() => follower.Election.IsLeader);

        Assert.Equal(follower.Identity, server.Store.Find(KubeResourceType.Leases, server.Namespace, "gitops-reconciler")?["spec"]?["holderIdentity"]?.GetValue<string>());
    }

    [Fact]
    public async Task OnlyTheLeaderWritesConfigMaps()
    {
        // The product's own gating: the real reconcile pass of each replica (ReconcilePass asks its election), not an
        // `if` in this test. The follower runs first and again after the ConfigMap is deleted, so a pass that stopped
        // gating on leadership would create it.
        using var repo = new TestStore();
        using var secondStore = repo.OpenSecond();
        await using var a = ReconcileReplica.Start(repo.Store, server, "replica-a");
        await using var b = ReconcileReplica.Start(secondStore, server, "replica-b");
        await Task.WhenAny(a.WaitForLeadershipAsync(), b.WaitForLeadershipAsync());
        var (leader, follower) = a.Election.IsLeader ? (a, b) : (b, a);
        using var admin = server.CreateClient();

        var followedFirst = await follower.RunAsync();
        var configMapAfterFollower = server.Store.Find(KubeResourceType.ConfigMaps, server.Namespace, "gitops-models");
        var led = await leader.RunAsync();
        await admin.CoreV1.DeleteNamespacedConfigMapAsync("gitops-models", server.Namespace);
        var followedAgain = await follower.RunAsync();
        var configMapAfterDelete = server.Store.Find(KubeResourceType.ConfigMaps, server.Namespace, "gitops-models");

        Assert.True(leader.Election.IsLeader && !follower.Election.IsLeader, "leadership changed during the test");
        Assert.Null(configMapAfterFollower);
        Assert.Null(configMapAfterDelete);
        Assert.False(followedFirst.ConfigMapsChecked || followedAgain.ConfigMapsChecked);
        Assert.Equal(0, follower.Targets.Calls.Writes);
        Assert.True(led.ConfigMapsChecked);
        Assert.Contains("configmap gitops-models: Created", led.Actions);
        Assert.True(leader.Targets.Calls.Writes > 0);
    }

    /// <summary>A replica campaigning with the Lease timings of <see cref="ReconcileReplica.Options"/> (takeover through release
    /// at the next 0.5 s retry; leadership survives a 20 s stall), or, for a crashed leader that never releases, a 2 s
    /// lease that must expire: KubernetesClient's elector reads the real clock, so expiry cannot run on fake time.</summary>
    private Replica Start(string identity, bool releaseOnStop = true)
    {
        var options = releaseOnStop ? ReconcileReplica.Options(null) : new KubernetesOptions
        {
            LeaseDuration = TimeSpan.FromSeconds(2),
            RenewDeadline = TimeSpan.FromSeconds(1.5),
            RetryPeriod = TimeSpan.FromSeconds(0.5),
        };
        var replica = new Replica(server, identity, options, releaseOnStop);
        replicas.Add(replica);
        return replica;
    }

    private static async Task<Replica> WaitForLeaderAsync(params Replica[] candidates)
    {
        await WaitUntilAsync(() => candidates.Any(c => c.Election.IsLeader));
        return candidates.Single(c => c.Election.IsLeader);
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        using var timeout = new CancellationTokenSource(Patience);
        while (!condition())
            await Task.Delay(50, timeout.Token);
    }

    /// <summary>One replica: its election (own client) and its ConfigMap target (own client, counted).</summary>
    private sealed class Replica : IAsyncDisposable
    {
        private readonly CancellationTokenSource stop = new();
        private readonly k8s.Kubernetes electionClient;
        private readonly k8s.Kubernetes targetClient;
        private readonly Task running;

        public Replica(FakeKubeApiServer server, string identity, KubernetesOptions options, bool releaseOnStop)
        {
            Identity = identity;
            electionClient = server.CreateClient();
            Counter = new ApiCallCounter();
            targetClient = server.CreateClient(Counter);
            Election = new LeaderElection(electionClient, server.Namespace, options, identity, NullLogger<LeaderElection>.Instance, releaseOnStop);
            Target = new KubernetesConfigMapTarget(targetClient, server.Namespace, "gitops", identity, TimeProvider.System, NullLoggerFactory.Instance);
            running = Election.RunAsync(stop.Token);
        }

        public string Identity { get; }

        public LeaderElection Election { get; }

        public ApiCallCounter Counter { get; }

        public KubernetesConfigMapTarget Target { get; }

        public async Task StopAsync()
        {
            await stop.CancelAsync();
            await running.WaitAsync(Patience);
        }

        public async ValueTask DisposeAsync()
        {
            await StopAsync();
            stop.Dispose();
            electionClient.Dispose();
            targetClient.Dispose();
        }
    }
}
