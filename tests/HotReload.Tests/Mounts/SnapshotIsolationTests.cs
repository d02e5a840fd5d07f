using GitOps.TestSupport.HotReload;
using GitOps.TestSupport.Hosting;

namespace GitOps.HotReload.Tests.Mounts;

public sealed class SnapshotIsolationTests
{
    [Fact]
    public async Task ASnapshotHeldByAnInFlightHandler_IsUnchangedByAConcurrentReload()
    {
        using var dir = new TempDirectory("hotreload-isolation");
        var volume = new KubeletVolume(dir.Path);
        volume.Write(new Dictionary<string, string> { ["settings.json"] = Settings.Json(1, "before"), ["extra.txt"] = "a" });
        using var mounted = MountedConfig.Open(new HotReloadOptions { Path = dir.Path, Debounce = TimeSpan.Zero }, Settings.Load);

        // The "request" captures Current once, then the mount changes under it.
        var held = mounted.Current;
        var heldHash = held.Hash;
        var heldFiles = held.Snapshot.Files;
        volume.Write(new Dictionary<string, string> { ["settings.json"] = Settings.Json(2, "after"), ["other.txt"] = "b" });
        await Waiting.UntilAsync(() => mounted.Current.Value.Version == 2, "the reload is applied");

        Assert.NotSame(held, mounted.Current);
        Assert.Equal(new Settings(1, "before"), held.Value);
        Assert.Equal(heldHash, held.Hash);
        Assert.Same(heldFiles, held.Snapshot.Files);
        Assert.Equal(["extra.txt", "settings.json"], held.Snapshot.Files.Keys);
        Assert.Equal("a", held.Snapshot.ReadText("extra.txt"));
        Assert.Equal(["other.txt", "settings.json"], mounted.Current.Snapshot.Files.Keys);
    }
}
