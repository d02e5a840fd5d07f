using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using BenchmarkDotNet.Attributes;
using GitOps.Benchmarks.Git;
using GitOps.Reconciler.Git;
using GitOps.Reconciler.Git.Drafts;
using GitOps.TestSupport.Git;

namespace GitOps.Benchmarks.Planning;

/// <summary>B14's publish row: publishing a one-source draft whose base is behind the tracked head by an unrelated commit
/// (so it is rebased: <see cref="DraftStore.PublishAsync"/>) against one direct <see cref="GitConfigStore.MutateAsync"/> of
/// the same change, on the 10,000-file repository (<see cref="LargeConfigRepo"/>), in one run. Each iteration's setup (not
/// measured) commits an unrelated catalog change to the tracked branch; for the publish it first creates a fresh draft on
/// the head and writes the one-source edit in it. The change points plugin-050's source at a new name each time.
/// Goal: publish ≤ 2× the direct mutation.</summary>
[ShortInProcessJob(warmupCount: 3, iterationCount: 25)]
[InvocationCount(1, 1)]
public class PublishBenchmark : IDisposable
{
    private const string Plugin = "plugin-050";
    private static readonly string SourcesPath = $"plugins/{Plugin}/sources.yaml";
    private LargeConfigRepo _repo = null!;
    private int _round;
    private string _draft = "";

    [GlobalSetup]
    public void Setup() => _repo = new LargeConfigRepo();

    [IterationSetup(Targets = [nameof(DirectMutation)])]
    public void BeforeDirect() => CommitUnrelated();

    [IterationSetup(Targets = [nameof(PublishRebasedDraft)])]
    public void BeforePublish()
    {
        _draft = $"b14-publish-{++_round}";
        if (_repo.Store.Drafts.Create($"B14 publish {_round}", _draft, null, Mutations.Alice) is not DraftOutcome.Done created)
            throw new InvalidOperationException($"draft {_draft} not created");
        var edit = Mutate(new MutationRequest(created.Draft.Head, Mutations.Alice, "plugin-050: rename main", null, $"b14-edit-{_round}",
            _ => Change(SourcesPath, Sources($"Draft {_round}"))) { Draft = _draft });
        if (edit is not MutationOutcome.Committed) throw new InvalidOperationException($"draft edit: {edit}");
        CommitUnrelated();
    }

    [Benchmark(Baseline = true, Description = "direct mutation of the one source (PATCH on the branch)")]
    public MutationOutcome DirectMutation()
    {
        var outcome = Mutate(new MutationRequest(_repo.Store.Current.Head, Mutations.Alice, "plugin-050: rename main", null, $"b14-direct-{++_round}",
            _ => Change(SourcesPath, Sources($"Direct {_round}"))));
        return outcome is MutationOutcome.Committed ? outcome : throw new InvalidOperationException(outcome.ToString());
    }

    [Benchmark(Description = "publish of a rebased one-source draft (POST /drafts/{id}:publish)")]
    public DraftOutcome PublishRebasedDraft()
    {
        var outcome = _repo.Store.Drafts.PublishAsync(_draft, null, Mutations.Alice, $"b14-publish-{_round}", 0, default).GetAwaiter().GetResult();
        return outcome is DraftOutcome.Published ? outcome : throw new InvalidOperationException(outcome.ToString());
    }

    [GlobalCleanup]
    public void Cleanup() => Dispose();

    public void Dispose()
    {
        _repo?.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>Moves the tracked branch by a change to a file no draft touches.</summary>
    private void CommitUnrelated()
    {
        var round = ++_round;
        var outcome = Mutate(new MutationRequest(_repo.Store.Current.Head, Mutations.Alice, "plugin-010: catalog-001", null, $"b14-unrelated-{round}",
            _ => Change("plugins/plugin-010/catalog-001.yaml", LargeConfigRepo.CatalogContent("plugin-010", 1, round))));
        if (outcome is not MutationOutcome.Committed) throw new InvalidOperationException($"unrelated commit: {outcome}");
    }

    private MutationOutcome Mutate(MutationRequest request) => _repo.Store.MutateAsync(request).GetAwaiter().GetResult();

    private static EditResult Change(string path, string content) =>
        new EditResult.Changes(ImmutableDictionary<string, ReadOnlyMemory<byte>?>.Empty.Add(path, Encoding.UTF8.GetBytes(content)));

    private static string Sources(string name) => string.Create(CultureInfo.InvariantCulture,
        $"apiVersion: gitops/v1\nplugin: {Plugin}\nsources:\n  - id: main\n    name: {name}\n    type: yaml\n    properties:\n      yamlCatalogPath: catalog-002.yaml\n");
}
