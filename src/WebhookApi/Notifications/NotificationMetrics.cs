using GitOps.WebhookApi.Reconciliation;
using Prometheus;

namespace GitOps.WebhookApi.Notifications;

/// <summary><c>gitops_notifications_total{sink,outcome}</c> and <c>gitops_notification_queue_depth{sink}</c>, injected into
/// the sinks. Outcomes: <c>sent</c>, <c>failed</c> (an attempt that will be retried), <c>superseded</c> (a newer event of
/// the same plugin replaced it while it waited), <c>dropped</c> (evicted: the queue bound was reached).</summary>
/// <param name="registry">The registry <c>/metrics</c> serves (a test's own in tests).</param>
internal sealed class NotificationMetrics(CollectorRegistry registry)
{
    private readonly Counter _notifications = Metrics.WithCustomRegistry(registry).LabelledCounter("gitops_notifications_total",
        "Change notifications by sink (mqtt, webhook) and outcome (sent, failed, superseded, dropped).", "sink", "outcome");

    private readonly Gauge _queueDepth = Metrics.WithCustomRegistry(registry).LabelledGauge("gitops_notification_queue_depth",
        "Change notifications waiting to be sent, by sink.", "sink");

    /// <summary>Exports the series of <paramref name="sink"/> from start-up, before the first event.</summary>
    public void Register(string sink)
    {
        foreach (var outcome in Enum.GetValues<NotificationOutcome>()) Series(sink, outcome);
        _queueDepth.WithLabels(sink).Set(0);
    }

    public void Count(string sink, NotificationOutcome outcome) => Series(sink, outcome).Inc();

    public void SetQueueDepth(string sink, int depth) => _queueDepth.WithLabels(sink).Set(depth);

    public double Value(string sink, NotificationOutcome outcome) => Series(sink, outcome).Value;

    private Counter.Child Series(string sink, NotificationOutcome outcome) =>
        _notifications.WithLabels(sink, outcome.ToString().ToLowerInvariant());
}

/// <summary>The <c>outcome</c> label of <c>gitops_notifications_total</c> (exported lower-case: <c>sent</c>, …).</summary>
internal enum NotificationOutcome
{
    Sent,
    Failed,
    Superseded,
    Dropped,
}
