using System.Diagnostics.Metrics;
using GitOps.HotReload;
using GitOps.WebhookApi.Reconciliation;
using Prometheus;

namespace GitOps.WebhookApi.Settings;

/// <summary>Exports the GitOps.HotReload meter on <c>/metrics</c> as <c>gitops_hotreload_reloads_total{name,result}</c>
/// (counter), <c>gitops_hotreload_last_success_timestamp_seconds{name}</c> and <c>gitops_hotreload_staleness_seconds{name}</c>,
/// on the registry it is given (the one <c>/metrics</c> serves, see <see cref="MetricsServices"/>).</summary>
/// <remarks>prometheus-net's meter adapter stays off (GitOpsMetrics suppresses it: it exports counters as gauges and other
/// .NET meters break Prometheus naming rules, which promtool rejects); this listener bridges the library's three instruments
/// only, with proper types. Observable gauges are read just before each scrape. The overlay creates it before the host is
/// built (so the start-up load is counted too), one per service process like the registry it writes to.</remarks>
internal sealed class HotReloadMetricsExport : IDisposable
{
    private readonly Counter _reloads;
    private readonly Gauge _lastSuccess;
    private readonly Gauge _staleness;
    private readonly MeterListener _listener = new();

    public HotReloadMetricsExport(CollectorRegistry registry)
    {
        var factory = Metrics.WithCustomRegistry(registry);
        _reloads = factory.LabelledCounter("gitops_hotreload_reloads_total",
            "Reloads of a watched directory (the settings overlay) that read new content or failed, by result (success, invalid, error).", "name", "result");
        _lastSuccess = factory.LabelledGauge("gitops_hotreload_last_success_timestamp_seconds",
            "Unix time of the last successful load of a watched directory.", "name");
        _staleness = factory.LabelledGauge("gitops_hotreload_staleness_seconds",
            "Seconds since newer content in a watched directory was first refused; 0 while it is served.", "name");
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == HotReloadMetrics.MeterName) listener.EnableMeasurementEvents(instrument);
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            if (instrument.Name == "hotreload.reloads_total") _reloads.WithLabels(Tag(tags, "name"), Tag(tags, "result")).Inc(value);
        });
        _listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) =>
        {
            var gauge = instrument.Name switch
            {
                "hotreload.last_success_timestamp_seconds" => _lastSuccess,
                "hotreload.staleness_seconds" => _staleness,
                _ => null,
            };
            gauge?.WithLabels(Tag(tags, "name")).Set(value);
        });
        _listener.Start();
        registry.AddBeforeCollectCallback(Collect);
    }

    private void Collect() => _listener.RecordObservableInstruments();

    public void Dispose() => _listener.Dispose();

    private static string Tag(ReadOnlySpan<KeyValuePair<string, object?>> tags, string key)
    {
        foreach (var tag in tags)
        {
            if (tag.Key == key) return tag.Value as string ?? "";
        }
        return "";
    }
}
