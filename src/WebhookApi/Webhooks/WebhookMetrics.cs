using Prometheus;

namespace GitOps.WebhookApi.Webhooks;

/// <summary><c>gitops_webhook_requests_total{provider,outcome}</c> (DESIGN §8).</summary>
internal static class WebhookMetrics
{
    private static readonly Counter Requests = Metrics.CreateCounter(
        "gitops_webhook_requests_total",
        "Webhook deliveries received, by provider (github, gitlab, generic) and outcome.",
        new CounterConfiguration { LabelNames = ["provider", "outcome"] });

    public static void Count(string provider, string outcome) => Requests.WithLabels(provider, outcome).Inc();

    public static double Value(string provider, string outcome) => Requests.WithLabels(provider, outcome).Value;
}
