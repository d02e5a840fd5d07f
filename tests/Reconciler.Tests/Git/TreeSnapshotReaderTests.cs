using GitOps.Reconciler.Configuration;
using GitOps.Reconciler.Git;
using static GitOps.Reconciler.Tests.Configuration.ConfigFiles;

namespace GitOps.Reconciler.Tests.Git;

/// <summary>The git feed of <see cref="SnapshotAssembler"/> against the file-map feed (<see cref="SnapshotBuilder.Build"/>):
/// the same tree gives the same snapshot and the same errors in the same order.</summary>
public sealed class TreeSnapshotReaderTests : IDisposable
{
    private readonly GitTrees _git = new();

    public void Dispose() => _git.Dispose();

    private static readonly (string Path, string Content)[] InvalidTree =
    [
        ("plugins/models/sources.yaml", "apiVersion: gitops/v1\nplugin: models\nsources:\n  - id: org\n    name: Org\n    type: yaml\n    properties:\n      yamlCatalogPath: org.yaml\n"),
        ("plugins/models/org.yaml", Catalog),
        // A folder with only a subfolder: the checks find the subfolder before the missing sources.yaml,
        // but the file order puts plugins/x/sources.yaml first.
        ("plugins/x/zsub/f.yaml", "a: 1\n"),
        ("plugins/notes.txt", "stray\n"),
        ("README.md", "not under plugins/\n"),
    ];

    [Fact]
    public void ReadTree_OfAnInvalidTree_ReportsTheErrorsInTheOrderOfTheFileMapFeed()
    {
        var fromFiles = Assert.IsType<SnapshotResult.Invalid>(new SnapshotBuilder().Build(Tree(InvalidTree))).Errors;

        var fromGit = ReadTree(InvalidTree);

        Assert.False(fromGit.IsValid);
        Assert.Equal(["plugins/notes.txt", "plugins/x/sources.yaml", "plugins/x/zsub"], fromGit.Errors.Select(e => e.File));
        Assert.Equal<ValidationError>(fromFiles, fromGit.Errors);
        Assert.Equal(["models"], fromGit.Snapshot.Plugins.Keys);
    }

    [Fact]
    public void ReadTree_OfAValidTree_GivesTheSnapshotOfTheFileMapFeed()
    {
        var valid = InvalidTree.Where(f => !f.Path.StartsWith("plugins/x/", StringComparison.Ordinal) && f.Path != "plugins/notes.txt").ToArray();
        var fromFiles = Assert.IsType<SnapshotResult.Valid>(new SnapshotBuilder().Build(Tree(valid))).Snapshot;

        var fromGit = ReadTree(valid);

        Assert.True(fromGit.IsValid);
        Assert.Equal(fromFiles.Hash, fromGit.Snapshot.Hash);
        Assert.Equal(fromFiles.Plugins["models"].SourceHashes["org"], fromGit.Snapshot.Plugins["models"].SourceHashes["org"]);
    }

    private TreeSnapshot ReadTree((string Path, string Content)[] files) =>
        new TreeSnapshotReader(new SnapshotBuilder(), new SnapshotCache()).ReadTree(_git.Write(files));
}
