using GitOps.Reconciler.Reconciliation;
using Prometheus;

namespace GitOps.Reconciler.Observability;

/// <summary>
/// The Prometheus metrics of DESIGN §8 outside the plugin runtime (<see cref="Plugins.RuntimeMetrics"/>), on the registry
/// it is given: the host passes the one <c>/metrics</c> serves; code composed without a host (tools, tests) gets a private
/// registry, so nothing counts into process-wide state by accident. Every name and known label set is created at
/// construction, so all of them are exported from start-up, with HELP and TYPE, before the first sample.
/// </summary>
public sealed class GitOpsMetrics
{
    private readonly Counter _reconciles;
    private readonly Histogram _reconcileDuration;
    private readonly Counter _drifts;
    private readonly Counter _commits;
    private readonly Counter _conflicts;
    private readonly Counter _webhookRequests;
    private readonly Gauge _snapshotInfo;
    private readonly Counter _verificationFailures;
    private readonly Lock _snapshotLock = new();
    private (string Head, string Hash)? _snapshot;

    /// <param name="registry">The registry <c>/metrics</c> serves; null: a private one (composition without a host).</param>
    public GitOpsMetrics(CollectorRegistry? registry = null)
    {
        var factory = Metrics.WithCustomRegistry(registry ?? Metrics.NewCustomRegistry());
        _reconciles = factory.CreateCounter(
            "gitops_reconcile_total", "Reconcile passes by outcome (Succeeded, Degraded, Failed).",
            new CounterConfiguration { LabelNames = ["outcome"] });
        _reconcileDuration = factory.CreateHistogram(
            "gitops_reconcile_duration_seconds", "How long reconcile passes take.",
            new HistogramConfiguration { Buckets = Histogram.ExponentialBuckets(0.005, 2, 12) });
        _drifts = factory.CreateCounter(
            "gitops_drift_detected_total", "Drift found and corrected by target (plugin: a running plugin; configmap: a Kubernetes ConfigMap).",
            new CounterConfiguration { LabelNames = ["target"] });
        _commits = factory.CreateCounter(
            "gitops_commits_total", "Commits the API made by operation (add, create, update, delete, config, revert).",
            new CounterConfiguration { LabelNames = ["operation"] });
        _conflicts = factory.CreateCounter(
            "gitops_conflicts_total", "Mutations refused with 409 because the head moved since the caller read it.");
        _webhookRequests = factory.CreateCounter(
            "gitops_webhook_requests_total", "Webhook deliveries by provider and outcome.",
            new CounterConfiguration { LabelNames = ["provider", "outcome"] });
        _snapshotInfo = factory.CreateGauge(
            "gitops_snapshot_info", "1 for the snapshot the running plugins hold: its head commit and snapshot hash.",
            new GaugeConfiguration { LabelNames = ["head", "hash"] });
        _verificationFailures = factory.CreateCounter(
            "gitops_verification_failures_total", "Branch heads not applied because a commit failed signature verification, by reason.",
            new CounterConfiguration { LabelNames = ["reason"] });

        foreach (var outcome in Enum.GetValues<ReconcileOutcome>()) _reconciles.WithLabels(outcome.ToString());
        _drifts.WithLabels(DriftTarget.Plugin);
        _drifts.WithLabels(DriftTarget.ConfigMap);
    }

    public void CountReconcile(ReconcileOutcome outcome, TimeSpan duration)
    {
        _reconciles.WithLabels(outcome.ToString()).Inc();
        _reconcileDuration.Observe(duration.TotalSeconds);
    }

    public double ReconcileCount(ReconcileOutcome outcome) => _reconciles.WithLabels(outcome.ToString()).Value;

    /// <param name="target"><see cref="DriftTarget.Plugin"/> or <see cref="DriftTarget.ConfigMap"/>.</param>
    public void CountDrift(string target) => _drifts.WithLabels(target).Inc();

    public double DriftCount(string target) => _drifts.WithLabels(target).Value;

    /// <param name="operation">The verb of the change, e.g. <c>update</c> or <c>revert</c>.</param>
    public void CountCommit(string operation) => _commits.WithLabels(operation).Inc();

    public void CountConflict() => _conflicts.Inc();

    /// <summary><c>gitops_webhook_requests_total{provider,outcome}</c>.</summary>
    public void CountWebhook(string provider, string outcome) => _webhookRequests.WithLabels(provider, outcome).Inc();

    public double WebhookCount(string provider, string outcome) => _webhookRequests.WithLabels(provider, outcome).Value;

    /// <param name="reason">A closed set: <see cref="Signing.VerificationFailure.Label"/> (e.g. <c>unsigned</c>, <c>bad-signature</c>).</param>
    public void CountVerificationFailure(string reason) => _verificationFailures.WithLabels(reason).Inc();

    public double VerificationFailureCount(string reason) => _verificationFailures.WithLabels(reason).Value;

    /// <summary>Sets <c>gitops_snapshot_info{head,hash}</c> to 1 for this snapshot and removes the previous label set.</summary>
    public void SetSnapshot(string head, string hash)
    {
        lock (_snapshotLock)
        {
            if (_snapshot == (head, hash)) return;
            if (_snapshot is { } old) _snapshotInfo.RemoveLabelled(old.Head, old.Hash);
            _snapshotInfo.WithLabels(head, hash).Set(1);
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
