using k8s;
using k8s.LeaderElection;
using k8s.LeaderElection.ResourceLock;
using k8s.Models;
using Microsoft.Extensions.Logging.Abstractions;

namespace GitOps.Reconciler.Kubernetes;

/// <summary>Leadership changed: whether this replica leads now, and who does.</summary>
public sealed record LeadershipChange(bool IsLeader, string? CurrentLeader);

/// <summary>
/// Which replica reconciles the targets (DESIGN §6): a <c>coordination.k8s.io/v1</c> Lease held through KubernetesClient's
/// <see cref="LeaderElector"/>. Every replica applies snapshots to its own plugins and serves reads; only the leader
/// writes ConfigMaps. Without Kubernetes the single replica is always the leader.
/// </summary>
public sealed partial class LeaderElection
{
    private readonly IKubernetes? client;
    private readonly string ns = "";
    private readonly KubernetesOptions options = new();
    private readonly ILogger logger;
    private readonly bool releaseOnStop;
    private volatile bool isLeader;
    private volatile string? currentLeader;

    private LeaderElection(string identity)
    {
        Identity = identity;
        logger = NullLogger.Instance;
    }

    /// <summary>Elects through the Lease <see cref="KubernetesOptions.LeaseName"/> in <paramref name="namespace"/>.</summary>
    /// <param name="releaseOnStop">Release the Lease (an update) when this replica stops while leading, so another takes over at once
    /// instead of after the lease duration. Off only to simulate a crashed leader.</param>
    public LeaderElection(IKubernetes client, string @namespace, KubernetesOptions options, string identity, ILogger<LeaderElection> logger, bool releaseOnStop = true)
    {
        this.client = client;
        ns = @namespace;
        this.options = options;
        this.logger = logger;
        this.releaseOnStop = releaseOnStop;
        Identity = identity;
    }

    /// <summary>The election of a replica without Kubernetes: always the leader.</summary>
    public static LeaderElection AlwaysLeader(string identity) => new(identity);

    /// <summary>False when there is no Kubernetes and hence no election.</summary>
    public bool Enabled => client is not null;

    public string Identity { get; }

    /// <summary>True while this replica holds the Lease (always without Kubernetes). Only the leader writes targets.</summary>
    public bool IsLeader => client is null || isLeader;

    /// <summary>The identity the Lease names as holder, as last observed; null before the first observation.</summary>
    public string? CurrentLeader => client is null ? Identity : currentLeader;

    /// <summary>Raised (on the election's thread) when this replica starts or stops leading, or observes a new leader.</summary>
    public event EventHandler<LeadershipChange>? Changed;

    /// <summary>Campaigns for and holds the Lease until <paramref name="cancellationToken"/> is cancelled, then releases it.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        if (client is null)
        {
            await Task.Delay(Timeout.Infinite, cancellationToken).ContinueWith(_ => { }, TaskScheduler.Default);
            return;
        }

        var leaseLock = new LeaseLock(client, ns, options.LeaseName, Identity);
        using var elector = new LeaderElector(new LeaderElectionConfig(leaseLock)
        {
            LeaseDuration = options.LeaseDuration,
            RenewDeadline = options.RenewDeadline,
            RetryPeriod = options.RetryPeriod,
        });
        elector.OnStartedLeading += () => SetLeading(true);
        elector.OnStoppedLeading += () => SetLeading(false);
        elector.OnNewLeader += leader =>
        {
            currentLeader = leader;
            LogNewLeader(logger, options.LeaseName, leader ?? "");
            Changed?.Invoke(this, new LeadershipChange(IsLeader, leader));
        };
        elector.OnError += e => LogElectionError(logger, options.LeaseName, e.Message);

        try
        {
            await elector.RunAndTryToHoldLeadershipForeverAsync(cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        finally
        {
            SetLeading(false);
        }
        if (releaseOnStop) await ReleaseAsync();
    }

    private void SetLeading(bool leading)
    {
        if (isLeader == leading) return;
        isLeader = leading;
        if (leading) currentLeader = Identity;
        if (leading) LogStartedLeading(logger, Identity, options.LeaseName);
        else LogStoppedLeading(logger, Identity, options.LeaseName);
        Changed?.Invoke(this, new LeadershipChange(leading, currentLeader));
    }

    /// <summary>Releases the Lease if this replica still holds it: an update (the RBAC grants leases get/create/update
    /// only) that empties the holder and shortens the duration, with the read resourceVersion as precondition, so a
    /// follower takes it at its next retry instead of waiting for it to expire.</summary>
    private async Task ReleaseAsync()
    {
        using var timeout = new CancellationTokenSource(options.RenewDeadline);
        try
        {
            var lease = await client!.CoordinationV1.ReadNamespacedLeaseAsync(options.LeaseName, ns, cancellationToken: timeout.Token);
            if (lease.Spec?.HolderIdentity != Identity) return;
            lease.Spec.HolderIdentity = "";
            lease.Spec.LeaseDurationSeconds = 1;
            await client.CoordinationV1.ReplaceNamespacedLeaseAsync(lease, options.LeaseName, ns, cancellationToken: timeout.Token);
            LogReleased(logger, Identity, options.LeaseName);
        }
        catch (Exception e) when (KubeApiError.IsApiFailure(e, CancellationToken.None) || e is OperationCanceledException)
        {
            // Not released: the others take over once the lease expires.
            LogReleaseFailed(logger, options.LeaseName, KubeApiError.Describe(e));
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Identity} started leading through Lease {Lease}")] private static partial void LogStartedLeading(ILogger logger, string identity, string lease);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Identity} stopped leading through Lease {Lease}")] private static partial void LogStoppedLeading(ILogger logger, string identity, string lease);

    [LoggerMessage(Level = LogLevel.Information, Message = "Lease {Lease} is held by {Leader}")] private static partial void LogNewLeader(ILogger logger, string lease, string leader);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Leader election on Lease {Lease} hit an error: {Error}")] private static partial void LogElectionError(ILogger logger, string lease, string error);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Identity} released Lease {Lease}")] private static partial void LogReleased(ILogger logger, string identity, string lease);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not release Lease {Lease}: {Error}")] private static partial void LogReleaseFailed(ILogger logger, string lease, string error);
}
