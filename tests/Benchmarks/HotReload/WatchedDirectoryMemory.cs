using System.Diagnostics;
using GitOps.HotReload;
using GitOps.HotReload.Configuration;
using GitOps.TestSupport.HotReload;
using Microsoft.Extensions.Configuration;

namespace GitOps.Benchmarks.HotReload;

/// <summary>B10 memory: what one watched directory of 50 keys (1 KiB each, a kubelet volume) keeps, as a MountedConfig and as
/// a configuration source (flattened keys too). Ten are opened at once and the per-directory average is printed, managed
/// heap after a full collection and the process working set, so one-off JIT and type loading is visible apart.</summary>
internal static class WatchedDirectoryMemory
{
    private const int Keys = 50;
    private const int Directories = 10;

    public static void Print(string root)
    {
        Measure(root, "MountedConfig (raw snapshot)", dir => MountedConfig.Open(new HotReloadOptions { Path = dir }, s => LoadResult.Ok(s.Files.Count)));
        Measure(root, "configuration source (+ flattened keys)", dir => new ConfigurationBuilder().AddMountedDirectory(dir).Build() as IDisposable);
    }

    private static void Measure(string root, string what, Func<string, IDisposable?> open)
    {
        var dirs = Enumerable.Range(0, Directories).Select(i => Path.Combine(root, $"mem-{what.GetHashCode():x}-{i}")).ToList();
        foreach (var dir in dirs)
        {
            new KubeletVolume(dir).Write(Enumerable.Range(0, Keys).ToDictionary(
                k => $"key{k:D2}.yaml", k => string.Concat(Enumerable.Range(0, 16).Select(line => $"k{k}_{line:D2}: {new string('x', 54)}\n"))));
        }
        // One warm-up open, so JIT and type loading are not counted per directory.
        open(dirs[0])?.Dispose();
        var heapBefore = SettledHeap();
        var workingSetBefore = Process.GetCurrentProcess().WorkingSet64;
        var opened = dirs.Select(open).ToList();
        var heapAfter = SettledHeap();
        var workingSetAfter = Process.GetCurrentProcess().WorkingSet64;
        Console.WriteLine($"// B10 memory, {what}: {(heapAfter - heapBefore) / (double)Directories / 1024:F0} KiB managed and " +
            $"{(workingSetAfter - workingSetBefore) / (double)Directories / 1024:F0} KiB working set per watched directory of {Keys} keys x 1 KiB " +
            $"(average of {Directories} open at once)");
        foreach (var d in opened) d?.Dispose();
        GC.KeepAlive(opened);
    }

    private static long SettledHeap()
    {
        for (var i = 0; i < 3; i++)
        {
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
        }
        // Live bytes as the last full blocking collection left them (the heap minus the free space between objects).
        var info = GC.GetGCMemoryInfo(GCKind.FullBlocking);
        return info.HeapSizeBytes - info.FragmentedBytes;
    }
}
