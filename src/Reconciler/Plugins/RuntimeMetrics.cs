using Prometheus;

namespace GitOps.Reconciler.Plugins;

/// <summary>The plugin runtime's Prometheus metrics (DESIGN §8), in the default registry that <c>/metrics</c> serves.</summary>
public static class RuntimeMetrics
{
    private static readonly Counter Refreshes = Metrics.CreateCounter(
        "gitops_refresh_total", "REST refreshes by scope (plugin, source) and outcome (ok, error, rate_limited, not_found).",
        new CounterConfiguration { LabelNames = ["scope", "outcome"] });

    private static readonly Gauge Entities = Metrics.CreateGauge(
        "gitops_source_entities", "Entities a running source holds after include/exclude.",
        new GaugeConfiguration { LabelNames = ["plugin", "source"] });

    public static void CountRefresh(RefreshScope scope, RefreshOutcome outcome) => Refresh(scope, outcome).Inc();

    public static double RefreshCount(RefreshScope scope, RefreshOutcome outcome) => Refresh(scope, outcome).Value;

    private static Counter.Child Refresh(RefreshScope scope, RefreshOutcome outcome) =>
        Refreshes.WithLabels(scope == RefreshScope.Plugin ? "plugin" : "source", outcome switch
        {
            RefreshOutcome.Ok => "ok",
            RefreshOutcome.Error => "error",
            RefreshOutcome.RateLimited => "rate_limited",
            _ => "not_found",
        });

    internal static void SetEntities(string plugin, string source, int count) => Entities.WithLabels(plugin, source).Set(count);

    internal static void RemoveEntities(string plugin, string source) => Entities.RemoveLabelled(plugin, source);
}

public enum RefreshScope
{
    Plugin,
    Source,
}

public enum RefreshOutcome
{
    Ok,
    Error,
    RateLimited,
    NotFound,
}
