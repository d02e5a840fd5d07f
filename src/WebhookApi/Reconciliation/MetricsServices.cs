using GitOps.Reconciler.Observability;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Prometheus;

namespace GitOps.WebhookApi.Reconciliation;

/// <summary>The service's metrics as singletons on the registry <c>/metrics</c> serves (prometheus-net's default registry:
/// one service per process); the store, the plugin runtime, the reconcile pass and the endpoints get them injected.</summary>
internal static class MetricsServices
{
    private static int _defaultsConfigured;

    /// <summary>The registry <c>/metrics</c> serves; what is created before the host is built (the settings overlay) uses it too.</summary>
    public static CollectorRegistry Registry => Metrics.DefaultRegistry;

    public static IServiceCollection AddGitOpsMetrics(this IServiceCollection services)
    {
        // .NET event counters and meters are exported under names that break Prometheus naming rules
        // (e.g. a gauge ending in _count), which promtool rejects; process and scrape metrics stay.
        if (Interlocked.Exchange(ref _defaultsConfigured, 1) == 0)
            Metrics.SuppressDefaultMetrics(new SuppressDefaultMetricOptions { SuppressEventCounters = true, SuppressMeters = true });
        services.TryAddSingleton(Registry);
        services.TryAddSingleton(sp => new GitOpsMetrics(sp.GetRequiredService<CollectorRegistry>()));
        services.TryAddSingleton(sp => new RuntimeMetrics(sp.GetRequiredService<CollectorRegistry>()));
        return services;
    }

    /// <summary>A counter with label names, for the metric classes that declare their own series.</summary>
    public static Counter LabelledCounter(this IMetricFactory factory, string name, string help, params string[] labels) =>
        factory.CreateCounter(name, help, new CounterConfiguration { LabelNames = labels });

    /// <summary>A gauge with label names, for the metric classes that declare their own series.</summary>
    public static Gauge LabelledGauge(this IMetricFactory factory, string name, string help, params string[] labels) =>
        factory.CreateGauge(name, help, new GaugeConfiguration { LabelNames = labels });
}
