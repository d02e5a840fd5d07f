using GitOps.Reconciler.Plugins;
using Prometheus;

namespace GitOps.Reconciler.Observability;

/// <summary>
/// Every Prometheus metric of DESIGN §8, in the default registry that <c>/metrics</c> serves. The refresh and entity
/// metrics live with the plugin runtime (<see cref="RuntimeMetrics"/>); <see cref="EnsureRegistered"/> touches them so every
/// name is exported from start-up, with HELP and TYPE, even before its first sample.
/// </summary>
public static class GitOpsMetrics
{
    private static readonly Counter Reconciles = Metrics.CreateCounter(
        "gitops_reconcile_total", "Reconcile passes by outcome (Succeeded, Degraded, Failed).",
        new CounterConfiguration { LabelNames = ["outcome"] });

    private static readonly Histogram ReconcileDuration = Metrics.CreateHistogram(
        "gitops_reconcile_duration_seconds", "How long reconcile passes take.",
        new HistogramConfiguration { Buckets = Histogram.ExponentialBuckets(0.005, 2, 12) });

    private static readonly Counter Drifts = Metrics.CreateCounter(
        "gitops_drift_detected_total", "Drift found and corrected by target (plugin: a running plugin; configmap: a Kubernetes ConfigMap).",
        new CounterConfiguration { LabelNames = ["target"] });

    private static readonly Counter Commits = Metrics.CreateCounter(
        "gitops_commits_total", "Commits the API made by operation (add, create, update, delete, config, revert).",
        new CounterConfiguration { LabelNames = ["operation"] });

    private static readonly Counter Conflicts = Metrics.CreateCounter(
        "gitops_conflicts_total", "Mutations refused with 409 because the head moved since the caller read it.");

    /// <summary><c>gitops_webhook_requests_total{provider,outcome}</c>; the webhook endpoints count into it.</summary>
    public static readonly Counter WebhookRequests = Metrics.CreateCounter(
        "gitops_webhook_requests_total", "Webhook deliveries by provider and outcome.",
        new CounterConfiguration { LabelNames = ["provider", "outcome"] });

    private static readonly Gauge SnapshotInfo = Metrics.CreateGauge(
        "gitops_snapshot_info", "1 for the snapshot the running plugins hold: its head commit and snapshot hash.",
        new GaugeConfiguration { LabelNames = ["head", "hash"] });

    private static readonly Counter VerificationFailures = Metrics.CreateCounter(
        "gitops_verification_failures_total", "Branch heads not applied because a commit failed signature verification, by reason.",
        new CounterConfiguration { LabelNames = ["reason"] });

    private static readonly Lock SnapshotLock = new();
    private static (string Head, string Hash)? _snapshot;
    private static int _defaultsConfigured;

    /// <summary>Creates every metric and the children with known label values, so all of them are exported at once.</summary>
    public static void EnsureRegistered()
    {
        // .NET event counters and meters are exported under names that break Prometheus naming rules
        // (e.g. a gauge ending in _count), which promtool rejects; process and scrape metrics stay.
        if (Interlocked.Exchange(ref _defaultsConfigured, 1) == 0)
            Metrics.SuppressDefaultMetrics(new SuppressDefaultMetricOptions { SuppressEventCounters = true, SuppressMeters = true });
        foreach (var outcome in Enum.GetValues<Reconciliation.ReconcileOutcome>()) Reconciles.WithLabels(outcome.ToString());
        Drifts.WithLabels(DriftTarget.Plugin);
        Drifts.WithLabels(DriftTarget.ConfigMap);
        _ = Conflicts.Value;
        _ = VerificationFailures.Name;
        _ = WebhookRequests.Name;
        _ = RuntimeMetrics.RefreshCount(RefreshScope.Plugin, RefreshOutcome.Ok);
    }

    public static void CountReconcile(Reconciliation.ReconcileOutcome outcome, TimeSpan duration)
    {
        Reconciles.WithLabels(outcome.ToString()).Inc();
        ReconcileDuration.Observe(duration.TotalSeconds);
    }

    /// <param name="target"><see cref="DriftTarget.Plugin"/> or <see cref="DriftTarget.ConfigMap"/>.</param>
    public static void CountDrift(string target) => Drifts.WithLabels(target).Inc();

    public static double DriftCount(string target) => Drifts.WithLabels(target).Value;

    /// <param name="operation">The verb of the change, e.g. <c>update</c> or <c>revert</c>.</param>
    public static void CountCommit(string operation) => Commits.WithLabels(operation).Inc();

    public static void CountConflict() => Conflicts.Inc();

    /// <param name="reason">A closed set: <see cref="Signing.VerificationFailure.Label"/> (e.g. <c>unsigned</c>, <c>bad-signature</c>).</param>
    public static void CountVerificationFailure(string reason) => VerificationFailures.WithLabels(reason).Inc();

    public static double VerificationFailureCount(string reason) => VerificationFailures.WithLabels(reason).Value;

    /// <summary>Sets <c>gitops_snapshot_info{head,hash}</c> to 1 for this snapshot and removes the previous label set.</summary>
    public static void SetSnapshot(string head, string hash)
    {
        lock (SnapshotLock)
        {
            if (_snapshot == (head, hash)) return;
            if (_snapshot is { } old) SnapshotInfo.RemoveLabelled(old.Head, old.Hash);
            SnapshotInfo.WithLabels(head, hash).Set(1);
            _snapshot = (head, hash);
        }
    }
}

/// <summary>Values of the <c>target</c> label of <c>gitops_drift_detected_total</c>.</summary>
internal static class DriftTarget
{
    public const string Plugin = "plugin";
    public const string ConfigMap = "configmap";
}
