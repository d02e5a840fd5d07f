using GitOps.Reconciler.Git;
using GitOps.TestSupport.Git;

namespace GitOps.Reconciler.Tests.Git;

/// <summary>A mutation re-parses only the files it wrote (issue 19, B1): what it wrote is still checked, and a file whose
/// role changes (a source now reads it as its catalog) is checked in its new role.</summary>
public sealed class IncrementalValidationTests : IDisposable
{
    private readonly TestStore _t = new();

    public void Dispose() => _t.Dispose();

    [Fact]
    public async Task Mutate_ABrokenCatalog_IsInvalid_AndNothingIsWritten()
    {
        var head = _t.Store.Current.Head;
        var outcome = await _t.Store.MutateAsync(Mutations.SetFiles(head, "models: break counter", (ConfigRepoSeed.CounterPath, "models: [\n")));

        var invalid = Assert.IsType<MutationOutcome.Invalid>(outcome);
        Assert.Contains(invalid.Errors, e => e.File == ConfigRepoSeed.CounterPath);
        Assert.Equal(head, _t.BranchHead());
    }

    [Fact]
    public async Task Mutate_PointingASourceAtAnUnchangedFileThatIsNoCatalog_ChecksItAsACatalog()
    {
        var added = Assert.IsType<MutationOutcome.Committed>(await _t.Store.MutateAsync(
            Mutations.SetFiles(_t.Store.Current.Head, "models: add notes", ("plugins/models/notes.yaml", "models: 5\n"))));
        var repointed = ConfigRepoSeed.ModelsSourcesYaml(enabled: true).Replace("yamlCatalogPath: team.yaml", "yamlCatalogPath: notes.yaml", StringComparison.Ordinal);

        var outcome = await _t.Store.MutateAsync(Mutations.SetFiles(added.Head, "models: team reads notes", (ConfigRepoSeed.ModelsSources, repointed)));

        var invalid = Assert.IsType<MutationOutcome.Invalid>(outcome);
        Assert.Contains(invalid.Errors, e => e.File == "plugins/models/notes.yaml");
        Assert.Equal(added.Head, _t.BranchHead());
    }

    [Fact]
    public async Task Mutate_OneFileOfAPlugin_GivesTheSameSnapshotAsReadingTheCommitFromScratch()
    {
        var committed = Assert.IsType<MutationOutcome.Committed>(await _t.Store.MutateAsync(Mutations.IncrementCounter(_t.Store.Current.Head)));

        using var fresh = _t.OpenSecond();
        Assert.Equal(committed.Head, fresh.Current.Head);
        Assert.Equal(fresh.Current.Hash, committed.Snapshot.Hash);
        Assert.Equal(fresh.Current.Plugins["models"].SourceHashes, committed.Snapshot.Plugins["models"].SourceHashes);
    }
}
