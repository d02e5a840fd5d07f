using GitOps.Reconciler.Git;
using GitOps.TestSupport.Git;
using GitOps.TestSupport.Hosting;

namespace GitOps.Reconciler.Tests.Git;

/// <summary>Issue 11, faults: corruption while stopped. Each error names the object id, its path and what to run;
/// history with a missing parent answers with what it has plus a note.</summary>
public sealed class CorruptionTests : IDisposable
{
    private readonly TempDirectory _directory = new("gitops-corruption");
    private readonly string _seed;
    private readonly string _data;

    public CorruptionTests()
    {
        _seed = ConfigRepoSeed.Write(_directory.Path);
        _data = Path.Combine(_directory.Path, "data");
    }

    public void Dispose() => _directory.Dispose();

    private string GitDirectory => Path.Combine(_data, "repo.git");

    private string LooseObject(string id) => Path.Combine(GitDirectory, "objects", id[..2], id[2..]);

    private async Task<IReadOnlyList<string>> CommitsAsync(int count)
    {
        using var store = StoreFactory.Open(_data, _seed);
        var heads = new List<string> { store.Current.Head };
        for (var i = 0; i < count; i++)
            heads.Add(Assert.IsType<MutationOutcome.Committed>(await store.MutateAsync(Mutations.IncrementCounter(store.Current.Head))).Head);
        return heads;
    }

    private void Overwrite(string id, Func<byte[], byte[]> damage)
    {
        var path = LooseObject(id);
        var bytes = damage(File.ReadAllBytes(path));
        File.SetAttributes(path, FileAttributes.Normal);
        File.WriteAllBytes(path, bytes);
    }

    private CorruptObjectException OpenFails(string id)
    {
        var error = Assert.Throws<CorruptObjectException>(() => StoreFactory.Open(_data, _seed));
        Assert.Equal(id, error.ObjectId);
        Assert.Contains(id, error.Message, StringComparison.Ordinal);
        Assert.Contains(LooseObject(id), error.Message, StringComparison.Ordinal);
        Assert.Contains("fsck --full", error.Message, StringComparison.Ordinal);
        return error;
    }

    [Fact]
    public async Task Open_WithTheHeadCommitObjectMissing_NamesItsIdPathAndFsck()
    {
        var head = (await CommitsAsync(1))[^1];
        File.Delete(LooseObject(head));

        Assert.Contains("head commit", OpenFails(head).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Open_WithAGarbageLooseObject_NamesTheBlobAndItsFile()
    {
        var head = (await CommitsAsync(1))[^1];
        var blob = GitCli.Run(GitDirectory, "rev-parse", $"{head}:{ConfigRepoSeed.CounterPath}");
        Overwrite(blob, _ => "this is not a zlib stream at all"u8.ToArray());

        Assert.Contains(ConfigRepoSeed.CounterPath, OpenFails(blob).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Open_WithAFlippedBitInABlob_NamesTheBlob()
    {
        var head = (await CommitsAsync(1))[^1];
        var blob = GitCli.Run(GitDirectory, "rev-parse", $"{head}:{ConfigRepoSeed.CounterPath}");
        Overwrite(blob, bytes =>
        {
            bytes[bytes.Length / 2] ^= 0x04;
            return bytes;
        });

        OpenFails(blob);
    }

    [Fact]
    public async Task History_WithADeletedParentCommit_AnswersWhatItHasAndANoteNamingTheMissingCommit()
    {
        var heads = await CommitsAsync(3);
        var missing = heads[^2];
        File.Delete(LooseObject(missing));

        using var store = StoreFactory.Open(_data, _seed);
        var page = store.HistoryWithNote(new HistoryQuery(null, null, 50));

        Assert.Equal([heads[^1]], page.Entries.Select(e => e.Sha));
        Assert.NotNull(page.Note);
        Assert.Contains(missing, page.Note, StringComparison.Ordinal);
        Assert.Contains(LooseObject(missing), page.Note, StringComparison.Ordinal);
        Assert.Contains("fsck", page.Note, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetCommit_WhoseParentIsDeleted_AnswersItsMetadataWithoutADiffAndANote()
    {
        var heads = await CommitsAsync(3);
        var missing = heads[^2];
        File.Delete(LooseObject(missing));

        using var store = StoreFactory.Open(_data, _seed);
        var details = store.GetCommit(heads[^1]);

        Assert.NotNull(details);
        Assert.Equal(heads[^1], details.Entry.Sha);
        Assert.Empty(details.Files);
        Assert.NotNull(details.Note);
        Assert.Contains(missing, details.Note, StringComparison.Ordinal);
        Assert.Contains("fsck", details.Note, StringComparison.Ordinal);
    }
}
