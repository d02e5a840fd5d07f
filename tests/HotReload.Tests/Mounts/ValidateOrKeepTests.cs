using System.Diagnostics.Metrics;
using GitOps.TestSupport.HotReload;
using GitOps.TestSupport.Hosting;
using Microsoft.Extensions.Logging;

namespace GitOps.HotReload.Tests.Mounts;

public sealed class ValidateOrKeepTests
{
    [Fact]
    public async Task MalformedUpdate_KeepsThePreviousValue_LogsTheHash_CountsIt_ThenAGoodUpdateIsServed()
    {
        using var dir = new TempDirectory("hotreload-keep");
        var volume = new KubeletVolume(dir.Path);
        volume.Write(new Dictionary<string, string> { ["settings.json"] = Settings.Json(1, "good") });
        var log = new RecordingLogger();
        var name = $"keep-{Guid.NewGuid():N}";
        using var counts = new ReloadCounts(name);
        using var mounted = MountedConfig.Open(new HotReloadOptions { Path = dir.Path, Name = name }, Settings.Load, log);
        var refused = new TaskCompletionSource<Rejected>(TaskCreationOptions.RunContinuationsAsynchronously);
        mounted.Refused += r => refused.TrySetResult(r);
        var good = mounted.Current;

        volume.Write(new Dictionary<string, string> { ["settings.json"] = "{\"version\": \"not a number\"}" });
        var rejected = await refused.Task.WaitAsync(Waiting.Bound);

        Assert.Same(good, mounted.Current);
        Assert.Equal("good", mounted.Current.Value.Name);
        Assert.Equal("settings.json", rejected.File);
        Assert.True(mounted.Staleness > TimeSpan.Zero);
        var warning = Assert.Single(log.At(LogLevel.Warning), l => l.Contains("Refused", StringComparison.Ordinal));
        Assert.Contains(rejected.Snapshot.Hash, warning, StringComparison.Ordinal);
        Assert.Contains(rejected.Snapshot.ShortHash, warning, StringComparison.Ordinal);
        Assert.Contains(good.ShortHash, warning, StringComparison.Ordinal);
        Assert.Equal(1, counts.Of("invalid"));

        volume.Write(new Dictionary<string, string> { ["settings.json"] = Settings.Json(3, "fixed") });
        await Waiting.UntilAsync(() => mounted.Current.Value.Name == "fixed", "the fixed update is served");
        Assert.Equal(TimeSpan.Zero, mounted.Staleness);
        Assert.Equal(2, counts.Of("success")); // start-up and the fix
        Assert.Contains(log.At(LogLevel.Information), l => l.Contains(mounted.Current.Hash, StringComparison.Ordinal) && l.Contains(mounted.Current.ShortHash, StringComparison.Ordinal));
    }

    [Fact]
    public void InitialLoadFailure_IsAStartupErrorNamingTheFile()
    {
        using var dir = new TempDirectory("hotreload-initial");
        new KubeletVolume(dir.Path).Write(new Dictionary<string, string> { ["settings.json"] = "{\"name\": \"no version\"}" });

        var error = Assert.Throws<HotReloadStartupException>(() => MountedConfig.Open(new HotReloadOptions { Path = dir.Path }, Settings.Load));

        Assert.Contains(Path.Combine(dir.Path, "settings.json"), error.Message, StringComparison.Ordinal);
        Assert.Contains("'version' must be a number", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MissingDirectory_IsAStartupErrorNamingIt()
    {
        var missing = Path.Combine(Path.GetTempPath(), $"hotreload-missing-{Guid.NewGuid():N}");

        var error = Assert.Throws<HotReloadStartupException>(() => MountedConfig.Open(new HotReloadOptions { Path = missing }, Settings.Load));

        Assert.Contains(missing, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SingleFile_LogsAStartupWarningThatItCanNeverUpdateThroughASubPathMount()
    {
        using var dir = new TempDirectory("hotreload-file");
        var file = Path.Combine(dir.Path, "settings.json");
        File.WriteAllText(file, Settings.Json(1));
        var log = new RecordingLogger();

        using var mounted = MountedConfig.Open(new HotReloadOptions { Path = file }, Settings.Load, log);

        Assert.Equal(1, mounted.Current.Value.Version);
        Assert.Contains(log.At(LogLevel.Warning), l => l.Contains("will never update", StringComparison.Ordinal) && l.Contains("subPath", StringComparison.Ordinal));
    }

    /// <summary>Listens to <c>hotreload.reloads_total</c> for one watcher name.</summary>
    private sealed class ReloadCounts : IDisposable
    {
        private readonly MeterListener _listener = new();
        private readonly Dictionary<string, long> _byResult = [];

        public ReloadCounts(string name)
        {
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == HotReloadMetrics.MeterName && instrument.Name == "hotreload.reloads_total") listener.EnableMeasurementEvents(instrument);
            };
            _listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
            {
                string? watcher = null, result = null;
                foreach (var tag in tags)
                {
                    if (tag.Key == "name") watcher = tag.Value as string;
                    if (tag.Key == "result") result = tag.Value as string;
                }
                if (watcher != name || result is null) return;
                lock (_byResult) _byResult[result] = _byResult.GetValueOrDefault(result) + value;
            });
            _listener.Start();
        }

        public long Of(string result)
        {
            lock (_byResult) return _byResult.GetValueOrDefault(result);
        }

        public void Dispose() => _listener.Dispose();
    }
}
