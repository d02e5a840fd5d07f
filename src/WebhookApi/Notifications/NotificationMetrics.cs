using Prometheus;

namespace GitOps.WebhookApi.Notifications;

/// <summary><c>gitops_notifications_total{sink,outcome}</c> and <c>gitops_notification_queue_depth{sink}</c>, injected into
/// the sinks. Outcomes: <c>sent</c>, <c>failed</c> (an attempt that will be retried), <c>superseded</c> (a newer event of
/// the same plugin replaced it while it waited), <c>dropped</c> (evicted: the queue bound was reached).</summary>
internal sealed class NotificationMetrics
{
    public const string Sent = "sent";
    public const string Failed = "failed";
    public const string Dropped = "dropped";
    public const string Superseded = "superseded";

    private static readonly Counter Notifications = Metrics.CreateCounter(
        "gitops_notifications_total", "Change notifications by sink (mqtt, webhook) and outcome (sent, failed, superseded, dropped).",
        new CounterConfiguration { LabelNames = ["sink", "outcome"] });

    private static readonly Gauge QueueDepth = Metrics.CreateGauge(
        "gitops_notification_queue_depth", "Change notifications waiting to be sent, by sink.",
        new GaugeConfiguration { LabelNames = ["sink"] });

    /// <summary>Exports the series of <paramref name="sink"/> from start-up, before the first event.</summary>
    public void Register(string sink)
    {
        foreach (var outcome in (string[])[Sent, Failed, Superseded, Dropped]) Notifications.WithLabels(sink, outcome);
        QueueDepth.WithLabels(sink).Set(0);
    }

    public void Count(string sink, string outcome) => Notifications.WithLabels(sink, outcome).Inc();

    public void SetQueueDepth(string sink, int depth) => QueueDepth.WithLabels(sink).Set(depth);

    public double Value(string sink, string outcome) => Notifications.WithLabels(sink, outcome).Value;
}
