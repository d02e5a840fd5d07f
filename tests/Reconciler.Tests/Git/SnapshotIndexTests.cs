using GitOps.Reconciler.Configuration;
using GitOps.Reconciler.Git;
using GitOps.TestSupport.Git;
using Microsoft.Extensions.Logging.Abstractions;
using static GitOps.Reconciler.Tests.Configuration.ConfigFiles;

namespace GitOps.Reconciler.Tests.Git;

/// <summary>The persisted <see cref="SnapshotIndex"/>: a restart skips the content checks of folders it vouches for and
/// serves the same snapshot; a damaged, foreign or wrong index is never trusted: it falls back to the full checks.</summary>
public sealed class SnapshotIndexTests : IDisposable
{
    private readonly TestStore _t = new();

    public void Dispose() => _t.Dispose();

    private string IndexFile => Path.Combine(_t.GitDirectory, SnapshotIndex.FileName);

    [Fact]
    public void Restart_WithTheSavedIndex_SkipsTheChecksOfEveryFolderAndServesTheSameSnapshot()
    {
        var first = _t.Store.Current;

        using var second = _t.OpenSecond();

        Assert.True(File.Exists(IndexFile));
        Assert.Null(second.Index!.DiscardReason);
        Assert.Equal(first.Plugins.Count, second.Index.Hits);
        Assert.Equal(0, second.Index.Misses);
        AssertSameSnapshot(first, second.Current);
    }

    [Theory]
    [InlineData("flip", "checksum")]
    [InlineData("truncate", "truncated")]
    [InlineData("garbage", "checksum")]
    [InlineData("empty", "truncated")]
    public void Restart_WithADamagedIndex_DiscardsItChecksEveryFolderAndWritesItAgain(string damage, string reason)
    {
        var first = _t.Store.Current;
        var bytes = File.ReadAllBytes(IndexFile);
        File.WriteAllBytes(IndexFile, damage switch
        {
            "flip" => [.. bytes[..40], (byte)(bytes[40] ^ 0x01), .. bytes[41..]],
            "truncate" => bytes[..(bytes.Length - 30)],
            "garbage" => "gitops-snapshot-index v1\nfingerprint x\nchecksum 00\n"u8.ToArray(),
            _ => [],
        });

        using (var second = _t.OpenSecond())
        {
            Assert.Contains(reason, second.Index!.DiscardReason, StringComparison.Ordinal);
            Assert.Equal(0, second.Index.Hits);
            AssertSameSnapshot(first, second.Current);
        }
        using var third = _t.OpenSecond();
        Assert.Null(third.Index!.DiscardReason);
        Assert.Equal(first.Plugins.Count, third.Index.Hits);
    }

    [Fact]
    public void Load_OfAnIndexWrittenWithOtherValidationSettings_DiscardsIt()
    {
        var other = SnapshotIndex.For(_t.GitDirectory, new SnapshotBuilder(YamlLimits.Default with { MaxDepth = 5 }), NullLogger.Instance);

        other.Load();

        Assert.Equal(0, other.Count);
        Assert.Contains("other validation settings", other.DiscardReason, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadTree_WhenTheIndexRecordsAnotherHashForTheFolder_ChecksItInFullAndReportsItsErrors()
    {
        using var git = new GitTrees();
        var sources = "apiVersion: gitops/v1\nplugin: models\nsources:\n  - id: org\n    name: Org\n    type: yaml\n    properties:\n      yamlCatalogPath: org.yaml\n";
        var tree = git.Write([("plugins/models/sources.yaml", sources), ("plugins/models/org.yaml", Catalog), ("plugins/models/notes.yaml", "a: b: c\n")]);
        var folderTree = ((LibGit2Sharp.Tree)tree["plugins"].Target)["models"].Target.Sha;
        // An index that claims the folder (same name, same tree id) checked clean, with a hash of other content.
        var builder = new SnapshotBuilder();
        var forged = Valid(Tree(("plugins/models/sources.yaml", sources), ("plugins/models/org.yaml", Catalog)));
        var index = SnapshotIndex.For(git.Path, builder, NullLogger.Instance);
        index.Save(forged with { TreeId = "forged", Plugins = forged.Plugins.SetItem("models", forged.Plugins["models"] with { TreeId = folderTree }) });
        index.Load();
        Assert.NotNull(index.HashOf("models", folderTree));

        var read = new TreeSnapshotReader(builder, new SnapshotCache(), index).ReadTree(tree);

        Assert.Equal(1, index.Misses);
        Assert.Equal(0, index.Hits);
        var error = Assert.Single(read.Errors);
        Assert.Equal("plugins/models/notes.yaml", error.File);
    }

    private static void AssertSameSnapshot(ConfigSnapshot expected, ConfigSnapshot actual)
    {
        Assert.Equal(expected.Head, actual.Head);
        Assert.Equal(expected.Hash, actual.Hash);
        foreach (var (name, plugin) in expected.Plugins)
        {
            var other = actual.Plugins[name];
            Assert.Equal(plugin.Hash, other.Hash);
            Assert.Equal(plugin.SourceHashes.OrderBy(s => s.Key), other.SourceHashes.OrderBy(s => s.Key));
            Assert.Equal(plugin.Sources.Select(s => s.Id), other.Sources.Select(s => s.Id));
            Assert.Equal(plugin.Files.Keys, other.Files.Keys);
        }
    }
}
