using GitOps.Reconciler.Observability;

namespace GitOps.WebhookApi.Webhooks;

/// <summary>Counts deliveries into <c>gitops_webhook_requests_total{provider,outcome}</c> (defined in <see cref="GitOpsMetrics"/>).</summary>
internal static class WebhookMetrics
{
    public static void Count(string provider, string outcome) => GitOpsMetrics.WebhookRequests.WithLabels(provider, outcome).Inc();

    public static double Value(string provider, string outcome) => GitOpsMetrics.WebhookRequests.WithLabels(provider, outcome).Value;
}
