using k8s;

namespace GitOps.Reconciler.Kubernetes;

/// <summary>
/// The Kubernetes side of one replica, built once from <see cref="KubernetesOptions"/>: the connection, the leader
/// election and the ConfigMap target. Without Kubernetes the election is always the leader and there is no target.
/// The target has a client of its own, counted by <see cref="Calls"/>, so Lease renewals never count as reconcile writes.
/// </summary>
public sealed class KubernetesTargets : IDisposable
{
    private readonly IKubernetes? electionClient;
    private readonly IKubernetes? targetClient;

    private KubernetesTargets(KubernetesConnection connection, LeaderElection election, IConfigMapTarget? configMaps,
        ApiCallCounter calls, IKubernetes? electionClient, IKubernetes? targetClient)
    {
        Connection = connection;
        Election = election;
        ConfigMaps = configMaps;
        Calls = calls;
        this.electionClient = electionClient;
        this.targetClient = targetClient;
    }

    public KubernetesConnection Connection { get; }

    public LeaderElection Election { get; }

    /// <summary>The ConfigMap target; null when Kubernetes is disabled.</summary>
    public IConfigMapTarget? ConfigMaps { get; }

    /// <summary>Requests the ConfigMap target has sent (reads and writes).</summary>
    public ApiCallCounter Calls { get; }

    public static KubernetesTargets Create(KubernetesOptions options, Func<string, string?> environment, TimeProvider time, ILoggerFactory loggers)
    {
        var connection = KubernetesConnection.Resolve(options, environment);
        var calls = new ApiCallCounter();
        if (!connection.Enabled)
            return new KubernetesTargets(connection, LeaderElection.AlwaysLeader(connection.Identity), null, calls, null, null);

        var electionClient = new k8s.Kubernetes(connection.Configuration!);
        var targetClient = connection.CreateClient(calls);
        var election = new LeaderElection(electionClient, connection.Namespace, options, connection.Identity, loggers.CreateLogger<LeaderElection>());
        var target = new KubernetesConfigMapTarget(targetClient, connection.Namespace, options.ConfigMapPrefix, connection.Identity, time, loggers);
        return new KubernetesTargets(connection, election, target, calls, electionClient, targetClient);
    }

    /// <summary>The Secret target (on the counted target client), or null when Kubernetes is disabled.</summary>
    public KubernetesSecretTarget? CreateSecretTarget(KubernetesOptions options, Secrets.SecretCipher cipher, TimeProvider time, ILoggerFactory loggers)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(loggers);
        return targetClient is null ? null
            : new KubernetesSecretTarget(targetClient, Connection.Namespace, options.ConfigMapPrefix, cipher, Connection.Identity, time, loggers);
    }

    public void Dispose()
    {
        electionClient?.Dispose();
        targetClient?.Dispose();
        Calls.Dispose();
    }
}
