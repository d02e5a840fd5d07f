using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace GitOps.HotReload;

/// <summary>The library's instruments on the <c>GitOps.HotReload</c> meter (exported by prometheus-net's meter adapter or
/// OpenTelemetry): <c>hotreload_reloads_total{name,result}</c>, <c>hotreload_last_success_timestamp_seconds{name}</c> and
/// <c>hotreload_staleness_seconds{name}</c> (how long newer content on the mount has been refused; 0 when up to date).</summary>
public static class HotReloadMetrics
{
    public const string MeterName = "GitOps.HotReload";

    private static readonly Meter Meter = new(MeterName, "1.0");
    private static readonly ConcurrentDictionary<IReloadState, byte> Live = new();

    private static readonly Counter<long> Reloads = Meter.CreateCounter<long>(
        "hotreload.reloads_total", description: "Reload attempts that read changed content or failed, by result (success, invalid, error)");

    static HotReloadMetrics()
    {
        Meter.CreateObservableGauge("hotreload.last_success_timestamp_seconds", () => Observe(s => s.LastSuccess?.ToUnixTimeMilliseconds() / 1000.0),
            unit: "s", description: "Unix time of the last successful load");
        Meter.CreateObservableGauge("hotreload.staleness_seconds", () => Observe(s => s.Staleness.TotalSeconds),
            unit: "s", description: "Seconds since newer content on the mount was first refused; 0 while the served value is the mount's content");
    }

    internal static void Record(string name, ReloadResult result)
    {
        if (result == ReloadResult.Unchanged) return;
        Reloads.Add(1, new TagList { { "name", name }, { "result", Tag(result) } });
    }

    internal static void Track(IReloadState state) => Live.TryAdd(state, 0);

    internal static void Untrack(IReloadState state) => Live.TryRemove(state, out _);

    internal static string Tag(ReloadResult result) => result switch
    {
        ReloadResult.Success => "success",
        ReloadResult.Invalid => "invalid",
        ReloadResult.Error => "error",
        _ => "unchanged",
    };

    private static IEnumerable<Measurement<double>> Observe(Func<IReloadState, double?> value)
    {
        foreach (var state in Live.Keys)
        {
            if (value(state) is { } v) yield return new Measurement<double>(v, new KeyValuePair<string, object?>("name", state.Name));
        }
    }
}

/// <summary>What the gauges read from a live watcher.</summary>
internal interface IReloadState
{
    string Name { get; }

    DateTimeOffset? LastSuccess { get; }

    TimeSpan Staleness { get; }
}
