using System.Collections.Concurrent;
using GitOps.HotReload.Mounts;
using GitOps.TestSupport.HotReload;
using GitOps.TestSupport.Hosting;

namespace GitOps.HotReload.Tests.Mounts;

/// <summary>The kubelet atomic writer (..data_tmp renamed over ..data, old directory removed) driven at high rates.</summary>
public sealed class KubeletSwapTests
{
    private const int Keys = 5;

    [Fact]
    public async Task ManyFastSwaps_EndOnTheLastVersion_AndEveryAppliedSnapshotComesFromOneVersion()
    {
        using var dir = new TempDirectory("hotreload-kubelet");
        var volume = new KubeletVolume(dir.Path);
        volume.Write(Version(0));
        var mixed = new ConcurrentQueue<string>();
        using var mounted = MountedConfig.Open(new HotReloadOptions { Path = dir.Path, Debounce = TimeSpan.FromMilliseconds(20) }, LoadAllKeys);
        mounted.Changed += loaded =>
        {
            if (loaded.Value.Distinct().Count() != 1) mixed.Enqueue(string.Join(",", loaded.Value));
        };

        const int Swaps = 300;
        for (var v = 1; v <= Swaps; v++) volume.Write(Version(v));

        await Waiting.UntilAsync(() => mounted.Current.Value[0] == Swaps.ToString(), $"version {Swaps} is served");
        Assert.Empty(mixed);
        Assert.All(mounted.Current.Value, value => Assert.Equal(Swaps.ToString(), value));
        Assert.Equal(volume.CurrentTarget, mounted.Current.Snapshot.DataTarget);
        Assert.Equal(MountSnapshot.HashOf(mounted.Current.Snapshot.Files), mounted.Current.Hash);
    }

    [Fact]
    public async Task ReadsDuringSwaps_NeverMixVersions_EvenWhenTheOldDirectoryIsDeletedMidRead()
    {
        using var dir = new TempDirectory("hotreload-kubelet-read");
        var volume = new KubeletVolume(dir.Path);
        volume.Write(Version(0));
        var reader = new SnapshotReader(dir.Path, null);
        using var stop = new CancellationTokenSource();
        var writer = Task.Run(() =>
        {
            for (var v = 1; !stop.IsCancellationRequested; v++) volume.Write(Version(v));
        });

        var reads = 0;
        var targets = new HashSet<string?>();
        while (reads < 500)
        {
            var snapshot = reader.Read();
            var values = snapshot.Files.Values.Select(c => System.Text.Encoding.UTF8.GetString(c.Span)).ToList();
            Assert.Equal(Keys, values.Count);
            Assert.Single(values.Distinct());
            targets.Add(snapshot.DataTarget);
            reads++;
        }
        await stop.CancelAsync();
        await writer;

        Assert.True(targets.Count > 1, "the reads should have spanned several versions");
    }

    [Fact]
    public async Task LostEvents_AreCaughtByTheFingerprintCheck()
    {
        using var dir = new TempDirectory("hotreload-fingerprint");
        var volume = new KubeletVolume(dir.Path);
        volume.Write(Version(0));
        // A one-minute debounce stands in for an event the kernel never delivered: only the fingerprint check can see the swap.
        using var mounted = MountedConfig.Open(
            new HotReloadOptions { Path = dir.Path, Debounce = TimeSpan.FromMinutes(1), FingerprintInterval = TimeSpan.FromMilliseconds(200) },
            LoadAllKeys);

        volume.Write(Version(1));

        await Waiting.UntilAsync(() => mounted.Current.Value[0] == "1", "the fingerprint check loads version 1");
        Assert.Equal(volume.CurrentTarget, mounted.Current.Snapshot.DataTarget);
    }

    internal static Dictionary<string, string> Version(int v) =>
        Enumerable.Range(0, Keys).ToDictionary(k => $"key{k}.txt", _ => v.ToString());

    private static LoadResult<string[]> LoadAllKeys(MountSnapshot snapshot) =>
        snapshot.Files.Count == Keys
            ? LoadResult.Ok(snapshot.Files.Keys.Select(k => snapshot.ReadText(k)!).ToArray())
            : LoadResult.Refuse<string[]>($"expected {Keys} keys, found {snapshot.Files.Count}");
}
