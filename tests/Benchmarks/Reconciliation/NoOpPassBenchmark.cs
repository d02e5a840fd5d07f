using System.Diagnostics;
using System.Text;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using GitOps.Reconciler.Reconciliation;
using GitOps.TestSupport.Git;
using GitOps.TestSupport.Hosting;

namespace GitOps.Benchmarks.Reconciliation;

/// <summary>
/// B5: a no-op reconcile pass (nothing changed, every ConfigMap in step) over <see cref="Plugins"/> plugins of
/// <see cref="SourcesPerPlugin"/> sources each, against the fake Kubernetes API server answering with 5 ms latency, versus
/// <c>git ls-tree -r</c> of the same repository. Goal: at most 10x the baseline, zero writes, peak memory at most 200 MiB.
/// The API server runs in a child process (<see cref="FakeKubeProcess"/>), so this process's peak working set is the
/// service side (plus BenchmarkDotNet) alone.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(ShortInProcess))]
public class NoOpPassBenchmark : IDisposable
{
    private TempDirectory _directory = null!;
    private Reconciler.Git.GitConfigStore _store = null!;
    private FakeKubeProcess _kube = null!;
    private ServiceReplica _replica = null!;
    private long _writesAfterSetup;
    private long _readsAfterSetup;
    private int _passes;
    private long _workingSetBeforeSetup;
    private long _peakAfterSetup;
    private long _workingSetAfterSetup;

    [Params(200)]
    public int Plugins { get; set; }

    [Params(50)]
    public int SourcesPerPlugin { get; set; }

    /// <summary>A short job in this process, as in the recorded runs (out of process works too: docs/PERFORMANCE.md "How to run").</summary>
    private sealed class ShortInProcess : ManualConfig
    {
        public ShortInProcess() => AddJob(Job.Default.WithWarmupCount(1).WithIterationCount(5).WithToolchain(InProcessEmitToolchain.Instance).WithId("ShortInProcess"));
    }

    [GlobalSetup]
    public void Setup()
    {
        using (var before = Process.GetCurrentProcess()) _workingSetBeforeSetup = before.WorkingSet64;
        _directory = new TempDirectory("gitops-b5");
        var seed = WriteSeed(Path.Combine(_directory.Path, "seed"), Plugins, SourcesPerPlugin);
        _store = StoreFactory.Open(Path.Combine(_directory.Path, "data"), seed);
        _kube = FakeKubeProcess.Start("gitops-system");
        _replica = new ServiceReplica(_store, _kube.KubeconfigPath, "bench");
        _replica.WaitForLeadershipAsync().GetAwaiter().GetResult();
        var first = _replica.RunAsync("setup").GetAwaiter().GetResult();
        if (first.Outcome != ReconcileOutcome.Succeeded) throw new InvalidOperationException($"setup pass {first.Outcome}: {first.Error}");
        _kube.SetLatency(TimeSpan.FromMilliseconds(5));
        (_writesAfterSetup, _readsAfterSetup) = (_replica.Targets.Calls.Writes, _replica.Targets.Calls.Reads);
        using var self = Process.GetCurrentProcess();
        (_peakAfterSetup, _workingSetAfterSetup) = (self.PeakWorkingSet64, self.WorkingSet64);
        PeakMemory.Reset();
    }

    [Benchmark(Baseline = true)]
    public int GitLsTree()
    {
        var start = new ProcessStartInfo("git", ["--git-dir", _store.RepositoryPath, "ls-tree", "-r", "refs/heads/main"])
        {
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return output.Length;
    }

    [Benchmark]
    public async Task<int> NoOpPass()
    {
        var report = await _replica.RunAsync("bench");
        _passes++;
        if (report.Outcome != ReconcileOutcome.Succeeded || report.Actions.Length > 0)
            throw new InvalidOperationException($"not a no-op pass: {report.Outcome} {string.Join("; ", report.Actions)}");
        return report.Plugins.Length;
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        var writes = _replica.Targets.Calls.Writes - _writesAfterSetup;
        using var self = Process.GetCurrentProcess();
        Console.WriteLine($"// B5 after setup: {_passes} no-op passes, {writes} ConfigMap API writes, {_replica.Targets.Calls.Reads - _readsAfterSetup} reads");
        Console.WriteLine($"// B5 this process (service side; the API server runs in a child process): peak working set {PeakMemory.MiB(self.PeakWorkingSet64)} " +
            $"during the benchmark runs ({(PeakMemory.WasReset ? "peak reset after setup" : "peak NOT reset: whole process")}), " +
            $"{PeakMemory.MiB(_peakAfterSetup)} peak up to the end of setup, working set {PeakMemory.MiB(_workingSetBeforeSetup)} before setup, " +
            $"{PeakMemory.MiB(_workingSetAfterSetup)} after setup, " +
            $"{PeakMemory.MiB(self.WorkingSet64)} now; managed heap now {PeakMemory.MiB(GC.GetTotalMemory(false))}");
        Console.WriteLine($"// B5 fake API server process: peak working set {PeakMemory.MiB(_kube.PeakWorkingSet)}");
        if (writes != 0) throw new InvalidOperationException($"a no-op pass wrote {writes} times");
        _replica.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _kube.Dispose();
        Dispose();
    }

    public void Dispose()
    {
        _store?.Dispose();
        _directory?.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>Plugins <c>p000…</c>, each with a sources.yaml of yaml sources over one small catalog.</summary>
    private static string WriteSeed(string root, int plugins, int sourcesPerPlugin)
    {
        for (var p = 0; p < plugins; p++)
        {
            var name = $"p{p:D3}";
            var folder = Directory.CreateDirectory(Path.Combine(root, "plugins", name)).FullName;
            var yaml = new StringBuilder($"apiVersion: gitops/v1\nplugin: {name}\nsources:\n");
            for (var s = 0; s < sourcesPerPlugin; s++)
                yaml.Append($"  - id: s{s:D3}\n    name: Source {s}\n    type: yaml\n    labels: [bench]\n    properties:\n      yamlCatalogPath: catalog.yaml\n    include: [\"m-{s % 10}*\"]\n");
            File.WriteAllText(Path.Combine(folder, "sources.yaml"), yaml.ToString());
            File.WriteAllText(Path.Combine(folder, "catalog.yaml"),
                "source: bench\nmodels:\n" + string.Concat(Enumerable.Range(0, 20).Select(i => $"  - name: m-{i}\n")));
        }
        return root;
    }
}
