using System.Text;
using BenchmarkDotNet.Attributes;
using GitOps.Benchmarks.Git;
using GitOps.Reconciler.Configuration;
using GitOps.Reconciler.Kubernetes;
using GitOps.Reconciler.Planning;
using GitOps.Reconciler.Plugins;
using GitOps.TestSupport.Git;
using Microsoft.Extensions.Options;

namespace GitOps.Benchmarks.Planning;

/// <summary>B14: the plan of a one-source change in one of 100 plugins of a 10,000-file repository (<see cref="LargeConfigRepo"/>)
/// against the dry run of that one source (what <c>POST …/sources:test</c> runs), in one run. The change points plugin-050's
/// source at another catalog. Two plans: a saved draft (<c>GET /drafts/{id}/plan</c>: the draft commit exists, as the draft
/// store leaves it) and an edit not yet saved (<c>POST /plan</c>: a new source name each time, so every call writes and
/// validates a tree never seen before). The plugins run in a <see cref="PluginHost"/>, as in the service.
/// Goal: p50 ≤ 50 ms and ≤ 3× the dry run.</summary>
[ShortInProcessJob(warmupCount: 3, iterationCount: 15)]
public class PlanBenchmark : IDisposable
{
    private const string Plugin = "plugin-050";
    private static readonly string SourcesPath = $"plugins/{Plugin}/sources.yaml";
    private LargeConfigRepo _repo = null!;
    private PluginHost _host = null!;
    private Planner _planner = null!;
    private PluginSnapshot _changedPlugin = null!;
    private SourceConfig _changedSource = null!;
    private long _version;

    [GlobalSetup]
    public void Setup()
    {
        _repo = new LargeConfigRepo();
        _host = new PluginHost();
        _host.ApplyAsync(_repo.Store.Current).GetAwaiter().GetResult();
        _planner = new Planner(_repo.Store, _host, Options.Create(new KubernetesOptions()));
        var gitDirectory = _repo.Store.RepositoryPath;
        GitCli.Run(gitDirectory, "update-ref", "refs/heads/drafts/b14", "refs/heads/main");
        var draftHead = GitCli.CommitFile(gitDirectory, "drafts/b14", SourcesPath, Sources("Main"), "plugin-050: point main at catalog-002");
        _changedPlugin = ((SnapshotResult.Valid)_repo.Store.ReadAt(draftHead)).Snapshot.Plugins[Plugin];
        _changedSource = _changedPlugin.Sources[0];
    }

    [GlobalCleanup]
    public void Cleanup() => Dispose();

    public void Dispose()
    {
        _repo?.Dispose();
        GC.SuppressFinalize(this);
    }

    [Benchmark(Baseline = true, Description = "dry run of the changed source (sources:test)")]
    public DryRunResult DryRun() => _host.DryRunAsync(_changedPlugin, _changedSource).GetAwaiter().GetResult();

    [Benchmark(Description = "plan of a saved draft (GET /drafts/{id}/plan)")]
    public Plan PlanDraft() => Planned(_planner.PlanDraftAsync("b14", _ => true).GetAwaiter().GetResult());

    [Benchmark(Description = "plan of an unsaved edit, new tree each call (POST /plan)")]
    public Plan PlanEdit()
    {
        var files = new Dictionary<string, ReadOnlyMemory<byte>?> { [SourcesPath] = Encoding.UTF8.GetBytes(Sources($"Main {++_version}")) };
        return Planned(_planner.PlanChangeAsync(null, files, _ => true).GetAwaiter().GetResult());
    }

    private static Plan Planned(PlanOutcome outcome) =>
        outcome is PlanOutcome.Planned { Plan: { Valid: true, Plugins.Length: 1 } plan } ? plan : throw new InvalidOperationException(outcome.ToString());

    private static string Sources(string name) =>
        $"apiVersion: gitops/v1\nplugin: {Plugin}\nsources:\n  - id: main\n    name: {name}\n    type: yaml\n    properties:\n      yamlCatalogPath: catalog-002.yaml\n";
}
