using GitOps.TestSupport.Hosting;
using LibGit2Sharp;
using static GitOps.Reconciler.Tests.Configuration.ConfigFiles;

namespace GitOps.Reconciler.Tests.Git;

/// <summary>A bare repository in a temporary directory where tests write trees straight into the object database.</summary>
internal sealed class GitTrees : IDisposable
{
    private readonly TempDirectory _directory = new("gitops-trees");

    public GitTrees() => Repository = new Repository(LibGit2Sharp.Repository.Init(System.IO.Path.Combine(_directory.Path, "repo.git"), isBare: true));

    public Repository Repository { get; }

    public string Path => _directory.Path;

    public Tree Write(IEnumerable<(string Path, string Content)> files)
    {
        var definition = new TreeDefinition();
        foreach (var (file, content) in files)
        {
            using var stream = new MemoryStream(Bytes(content).ToArray());
            definition.Add(file, Repository.ObjectDatabase.CreateBlob(stream), Mode.NonExecutableFile);
        }
        return Repository.ObjectDatabase.CreateTree(definition);
    }

    public void Dispose()
    {
        Repository.Dispose();
        _directory.Dispose();
    }
}
