using System.Diagnostics.Metrics;
using GitOps.HotReload;
using Prometheus;

namespace GitOps.WebhookApi.Settings;

/// <summary>Exports the GitOps.HotReload meter on <c>/metrics</c> as <c>gitops_hotreload_reloads_total{name,result}</c>
/// (counter), <c>gitops_hotreload_last_success_timestamp_seconds{name}</c> and <c>gitops_hotreload_staleness_seconds{name}</c>.</summary>
/// <remarks>prometheus-net's meter adapter stays off (GitOpsMetrics suppresses it: it exports counters as gauges and other
/// .NET meters break Prometheus naming rules, which promtool rejects); this listener bridges the library's three instruments
/// only, with proper types. Observable gauges are read just before each scrape.</remarks>
internal static class HotReloadMetricsExport
{
    private static readonly Counter Reloads = Metrics.CreateCounter(
        "gitops_hotreload_reloads_total", "Reloads of a watched directory (the settings overlay) that read new content or failed, by result (success, invalid, error).",
        new CounterConfiguration { LabelNames = ["name", "result"] });

    private static readonly Gauge LastSuccess = Metrics.CreateGauge(
        "gitops_hotreload_last_success_timestamp_seconds", "Unix time of the last successful load of a watched directory.",
        new GaugeConfiguration { LabelNames = ["name"] });

    private static readonly Gauge Staleness = Metrics.CreateGauge(
        "gitops_hotreload_staleness_seconds", "Seconds since newer content in a watched directory was first refused; 0 while it is served.",
        new GaugeConfiguration { LabelNames = ["name"] });

    private static readonly MeterListener Listener = new();
    private static int _started;

    /// <summary>Starts listening (once per process), before the first watcher opens so its start-up load is counted too.</summary>
    public static void EnsureStarted()
    {
        if (Interlocked.Exchange(ref _started, 1) == 1) return;
        Listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == HotReloadMetrics.MeterName) listener.EnableMeasurementEvents(instrument);
        };
        Listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            if (instrument.Name == "hotreload.reloads_total") Reloads.WithLabels(Tag(tags, "name"), Tag(tags, "result")).Inc(value);
        });
        Listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) =>
        {
            var gauge = instrument.Name switch
            {
                "hotreload.last_success_timestamp_seconds" => LastSuccess,
                "hotreload.staleness_seconds" => Staleness,
                _ => null,
            };
            gauge?.WithLabels(Tag(tags, "name")).Set(value);
        });
        Listener.Start();
        Metrics.DefaultRegistry.AddBeforeCollectCallback(Listener.RecordObservableInstruments);
    }

    private static string Tag(ReadOnlySpan<KeyValuePair<string, object?>> tags, string key)
    {
        foreach (var tag in tags)
        {
            if (tag.Key == key) return tag.Value as string ?? "";
        }
        return "";
    }
}
