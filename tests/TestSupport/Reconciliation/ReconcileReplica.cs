using GitOps.Reconciler.Git;
using GitOps.Reconciler.Kubernetes;
using GitOps.Reconciler.Observability;
using GitOps.Reconciler.Plugins;
using GitOps.Reconciler.Reconciliation;
using GitOps.TestSupport.Kubernetes;
using Microsoft.Extensions.Logging.Abstractions;

namespace GitOps.TestSupport.Reconciliation;

/// <summary>
/// One replica's reconcile side composed without a host: its own plugin host, Kubernetes targets built from the fake API
/// server's kubeconfig (or none), leader election and the pass, over a store it is given (several replicas share a repository).
/// </summary>
public sealed class ReconcileReplica : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private Task _election = Task.CompletedTask;

    private ReconcileReplica(GitConfigStore store, KubernetesTargets targets, IRemoteSync? remote)
    {
        Store = store;
        Targets = targets;
        Host = new PluginHost();
        Pass = new ReconcilePass(store, Host, targets.Election, targets.ConfigMaps, TimeProvider.System, NullLogger<ReconcilePass>.Instance, remote, metrics: Metrics);
    }

    public GitConfigStore Store { get; }

    public KubernetesTargets Targets { get; }

    public PluginHost Host { get; }

    /// <summary>This replica's own metrics (a private registry: replicas and tests never share counts).</summary>
    public GitOpsMetrics Metrics { get; } = new();

    public ReconcilePass Pass { get; }

    public LeaderElection Election => Targets.Election;

    /// <summary>Lease timings for tests: a replica that stops releases the Lease and the other takes it at its next
    /// retry (0.5 s), while the leader keeps leading through 20 s of a stalled, loaded machine (KubernetesClient's
    /// elector reads the real clock, so these cannot run on fake time).</summary>
    public static KubernetesOptions Options(FakeKubeApiServer? kube) => new()
    {
        Kubeconfig = kube?.KubeconfigPath,
        Enabled = kube is not null,
        LeaseDuration = TimeSpan.FromSeconds(30),
        RenewDeadline = TimeSpan.FromSeconds(20),
        RetryPeriod = TimeSpan.FromSeconds(0.5),
    };

    /// <summary>A replica on <paramref name="store"/>; with <paramref name="kube"/> it campaigns for the Lease at once; with
    /// <paramref name="remote"/> every pass fetches through it first (remote mode).</summary>
    public static ReconcileReplica Start(GitConfigStore store, FakeKubeApiServer? kube, string identity = "replica-a", IRemoteSync? remote = null)
    {
        var targets = KubernetesTargets.Create(Options(kube), n => n == "POD_NAME" ? identity : null, TimeProvider.System, NullLoggerFactory.Instance);
        var replica = new ReconcileReplica(store, targets, remote);
        replica._election = targets.Election.RunAsync(replica._stop.Token);
        return replica;
    }

    /// <summary>Waits (generously) until this replica leads.</summary>
    public async Task WaitForLeadershipAsync(TimeSpan? timeout = null)
    {
        using var cancel = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(30));
        while (!Election.IsLeader) await Task.Delay(50, cancel.Token);
    }

    public Task<ReconcileReport> RunAsync(string reason = "test") => Pass.RunAsync(new ReconcileRequest(reason, false), CancellationToken.None);

    /// <summary>Stops campaigning (and releases the Lease if held), as a replica that shuts down.</summary>
    public async Task StopElectionAsync()
    {
        await _stop.CancelAsync();
        await _election;
    }

    public async ValueTask DisposeAsync()
    {
        await StopElectionAsync();
        Pass.Dispose();
        Targets.Dispose();
        _stop.Dispose();
    }
}
