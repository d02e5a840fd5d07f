using Prometheus;

namespace GitOps.Reconciler.Plugins;

/// <summary>The plugin runtime's Prometheus metrics (DESIGN §8) on the registry it is given (see
/// <see cref="Observability.GitOpsMetrics"/>: the host's, or a private one without a host).</summary>
public sealed class RuntimeMetrics
{
    private readonly Counter _refreshes;
    private readonly Gauge _entities;

    /// <param name="registry">The registry <c>/metrics</c> serves; null: a private one (composition without a host).</param>
    public RuntimeMetrics(CollectorRegistry? registry = null)
    {
        var factory = Metrics.WithCustomRegistry(registry ?? Metrics.NewCustomRegistry());
        (_refreshes, _entities) = (
            factory.CreateCounter("gitops_refresh_total", "REST refreshes by scope (plugin, source) and outcome (ok, error, rate_limited, not_found).",
                new CounterConfiguration { LabelNames = ["scope", "outcome"] }),
            factory.CreateGauge("gitops_source_entities", "Entities a running source holds after include/exclude.",
                new GaugeConfiguration { LabelNames = ["plugin", "source"] }));
        Refresh(RefreshScope.Plugin, RefreshOutcome.Ok); // exported from start-up
    }

    public void CountRefresh(RefreshScope scope, RefreshOutcome outcome) => Refresh(scope, outcome).Inc();

    public double RefreshCount(RefreshScope scope, RefreshOutcome outcome) => Refresh(scope, outcome).Value;

    private Counter.Child Refresh(RefreshScope scope, RefreshOutcome outcome) =>
        _refreshes.WithLabels(scope == RefreshScope.Plugin ? "plugin" : "source", outcome switch
        {
            RefreshOutcome.Ok => "ok",
            RefreshOutcome.Error => "error",
            RefreshOutcome.RateLimited => "rate_limited",
            _ => "not_found",
        });

    public double Entities(string plugin, string source) => _entities.WithLabels(plugin, source).Value;

    internal void SetEntities(string plugin, string source, int count) => _entities.WithLabels(plugin, source).Set(count);

    internal void RemoveEntities(string plugin, string source) => _entities.RemoveLabelled(plugin, source);
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
