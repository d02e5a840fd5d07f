using GitOps.Reconciler.Git;
using GitOps.Reconciler.Kubernetes;
using GitOps.Reconciler.Plugins;
using GitOps.Reconciler.Reconciliation;
using GitOps.TestSupport.Reconciliation;
using Microsoft.Extensions.Logging.Abstractions;

namespace GitOps.Benchmarks.Reconciliation;

/// <summary>The service's reconcile side (plugin host, Kubernetes targets, leader election, the pass) as
/// <see cref="ReconcileReplica"/> composes it, but against an API server in another process, named by its kubeconfig.</summary>
internal sealed class ServiceReplica : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _election;

    public ServiceReplica(GitConfigStore store, string kubeconfigPath, string identity)
    {
        var options = ReconcileReplica.Options(null);
        options.Enabled = true;
        options.Kubeconfig = kubeconfigPath;
        Targets = KubernetesTargets.Create(options, n => n == "POD_NAME" ? identity : null, TimeProvider.System, NullLoggerFactory.Instance);
        Host = new PluginHost();
        Pass = new ReconcilePass(store, Host, Targets.Election, Targets.ConfigMaps, TimeProvider.System, NullLogger<ReconcilePass>.Instance);
        _election = Targets.Election.RunAsync(_stop.Token);
    }

    public KubernetesTargets Targets { get; }

    public PluginHost Host { get; }

    public ReconcilePass Pass { get; }

    public async Task WaitForLeadershipAsync()
    {
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (!Targets.Election.IsLeader) await Task.Delay(50, cancel.Token);
    }

    public Task<ReconcileReport> RunAsync(string reason) => Pass.RunAsync(new ReconcileRequest(reason, false), CancellationToken.None);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _election;
        Pass.Dispose();
        Targets.Dispose();
        _stop.Dispose();
    }
}
