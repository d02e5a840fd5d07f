using GitOps.TestSupport.HotReload;
using GitOps.TestSupport.Hosting;
using Microsoft.Extensions.Configuration;
using Xunit.Abstractions;

namespace GitOps.HotReload.Tests.Mounts;

/// <summary>Records what .NET's own <c>AddJsonFile(reloadOnChange: true)</c> does on the same kubelet <c>..data</c> swap the
/// library sees (docs/HOT_RELOAD.md quotes the outcome).</summary>
public sealed class ReloadOnChangeComparisonTests(ITestOutputHelper output)
{
    [Fact]
    public async Task KubeletSwap_ReloadOnChangeAloneKeepsTheOldValue_WhileTheLibraryLoadsTheNewOne()
    {
        using var dir = new TempDirectory("hotreload-compare");
        var volume = new KubeletVolume(dir.Path);
        volume.Write(new Dictionary<string, string> { ["config.json"] = """{"value": "v1"}""" });
        var builtIn = new ConfigurationBuilder().AddJsonFile(Path.Combine(dir.Path, "config.json"), optional: false, reloadOnChange: true).Build();
        var reloads = 0;
        using var registration = Microsoft.Extensions.Primitives.ChangeToken.OnChange(builtIn.GetReloadToken, () => Interlocked.Increment(ref reloads));
        using var mounted = MountedConfig.Open(new HotReloadOptions { Path = dir.Path },
            snapshot => LoadResult.Ok(snapshot.ReadText("config.json")!));

        volume.Write(new Dictionary<string, string> { ["config.json"] = """{"value": "v2"}""" });
        await Waiting.UntilAsync(() => mounted.Current.Value.Contains("v2", StringComparison.Ordinal), "the library serves v2");
        // Give the built-in provider several times the library's latency (and more than its 250 ms reload delay) to catch up.
        await Task.Delay(TimeSpan.FromSeconds(2));

        output.WriteLine($"reloadOnChange after the swap: value={builtIn["value"]}, change token fired {reloads} times");
        Assert.Equal("v1", builtIn["value"]);
        Assert.Equal(0, reloads);
        // What it reads is not even stale by accident: a fresh build sees v2, so only the change notification is missing.
        Assert.Equal("v2", new ConfigurationBuilder().AddJsonFile(Path.Combine(dir.Path, "config.json")).Build()["value"]);
    }
}
