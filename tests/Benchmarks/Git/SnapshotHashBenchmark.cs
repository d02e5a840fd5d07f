using BenchmarkDotNet.Attributes;
using GitOps.Reconciler.Configuration;
using GitOps.Reconciler.Git;

namespace GitOps.Benchmarks.Git;

/// <summary>B4: the snapshot hash of the committed state of a 10,000-file repository, as the store gets it (tree-id
/// cache), against <c>git write-tree</c> from a cold index (a fresh index file built by <c>git add -A</c>, then
/// <c>git write-tree</c>: what git pays to name the state when nothing is cached). Goal: &lt;= 0.01x the baseline.</summary>
[MemoryDiagnoser]
[ShortInProcessJob(warmupCount: 1, iterationCount: 5)]
public class SnapshotHashBenchmark : IDisposable
{
    private LargeConfigRepo _repo = null!;
    private string _head = null!;
    private string _index = null!;

    [GlobalSetup]
    public void Setup()
    {
        _repo = new LargeConfigRepo();
        _head = _repo.Store.Current.Head;
        _index = Path.Combine(_repo.TempPath, "cold-index");
    }

    [GlobalCleanup]
    public void Cleanup() => Dispose();

    public void Dispose()
    {
        _repo?.Dispose();
        GC.SuppressFinalize(this);
    }

    [Benchmark(Baseline = true, Description = "git add -A + git write-tree (cold index)")]
    public string GitWriteTreeColdIndex()
    {
        File.Delete(_index);
        var environment = new Dictionary<string, string> { ["GIT_INDEX_FILE"] = _index };
        LargeConfigRepo.Git(_repo.WorkTree, environment, "add", "-A");
        return LargeConfigRepo.Git(_repo.WorkTree, environment, "write-tree");
    }

    [Benchmark(Description = "GitConfigStore.ReadAt(head).Hash (tree-id cache)")]
    public string StoreSnapshotHash() =>
        _repo.Store.ReadAt(_head) is SnapshotResult.Valid valid ? valid.Snapshot.Hash : throw new InvalidOperationException("invalid head");
}
