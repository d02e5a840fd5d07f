using System.Collections.Immutable;
using System.Text;
using BenchmarkDotNet.Attributes;
using GitOps.Reconciler.Git;

namespace GitOps.Benchmarks.Git;

/// <summary>B1: one durable mutation (one file changed in a repository of 10,000 files: edit, validate, write objects
/// with fsync, compare-and-swap the ref with fsync of file and directory) against the floor any durable write pays:
/// write a file, fsync it, rename it over the old one, fsync the directory. Goal: median &lt;= 6x the baseline.</summary>
[MemoryDiagnoser]
[ShortInProcessJob(warmupCount: 2, iterationCount: 10)]
public class DurableMutationBenchmark : IDisposable
{
    private static readonly CommitAuthor Author = new("bench", "bench@gitops.local");
    private LargeConfigRepo _repo = null!;
    private string _rawFile = null!;
    private long _version;

    [GlobalSetup]
    public void Setup()
    {
        _repo = new LargeConfigRepo();
        _rawFile = Path.Combine(_repo.TempPath, "raw", "catalog.yaml");
        Directory.CreateDirectory(Path.GetDirectoryName(_rawFile)!);
    }

    [GlobalCleanup]
    public void Cleanup() => Dispose();

    public void Dispose()
    {
        _repo?.Dispose();
        GC.SuppressFinalize(this);
    }

    [Benchmark(Baseline = true, Description = "raw write+fsync+rename+dir-fsync")]
    public void RawDurableWrite()
    {
        var content = Encoding.UTF8.GetBytes(LargeConfigRepo.CatalogContent("plugin-000", 2, ++_version));
        var temp = _rawFile + ".tmp";
        using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None, 4096))
        {
            stream.Write(content);
            stream.Flush(flushToDisk: true);
        }
        File.Move(temp, _rawFile, overwrite: true);
        DurableFile.SyncDirectory(Path.GetDirectoryName(_rawFile)!);
    }

    [Benchmark(Description = "GitConfigStore.MutateAsync (1 of 10,000 files)")]
    public MutationOutcome DurableMutation()
    {
        var version = ++_version;
        var path = $"plugins/plugin-000/{LargeConfigRepo.Catalog(2)}";
        var request = new MutationRequest(_repo.Store.Current.Head, Author, "plugin-000: change catalog-002", null, "bench", _ =>
            new EditResult.Changes(ImmutableDictionary<string, ReadOnlyMemory<byte>?>.Empty
                .Add(path, Encoding.UTF8.GetBytes(LargeConfigRepo.CatalogContent("plugin-000", 2, version)))));
        var outcome = _repo.Store.MutateAsync(request).GetAwaiter().GetResult();
        return outcome is MutationOutcome.Committed ? outcome : throw new InvalidOperationException(outcome.ToString());
    }
}
