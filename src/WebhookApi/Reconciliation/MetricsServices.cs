using GitOps.Reconciler.Observability;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Prometheus;

namespace GitOps.WebhookApi.Reconciliation;

/// <summary>The service's metrics as singletons on the registry <c>/metrics</c> serves (prometheus-net's default registry:
/// one service per process); the store, the plugin runtime, the reconcile pass and the endpoints get them injected.</summary>
internal static class MetricsServices
{
    private static int _defaultsConfigured;

    public static IServiceCollection AddGitOpsMetrics(this IServiceCollection services)
    {
        // .NET event counters and meters are exported under names that break Prometheus naming rules
        // (e.g. a gauge ending in _count), which promtool rejects; process and scrape metrics stay.
        if (Interlocked.Exchange(ref _defaultsConfigured, 1) == 0)
            Metrics.SuppressDefaultMetrics(new SuppressDefaultMetricOptions { SuppressEventCounters = true, SuppressMeters = true });
        services.TryAddSingleton(Metrics.DefaultRegistry);
        services.TryAddSingleton(sp => new GitOpsMetrics(sp.GetRequiredService<CollectorRegistry>()));
        services.TryAddSingleton(sp => new RuntimeMetrics(sp.GetRequiredService<CollectorRegistry>()));
        return services;
    }
}
