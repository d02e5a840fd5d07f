using GitOps.Reconciler.Git;
using GitOps.TestSupport.Hosting;

namespace GitOps.TestSupport.Git;

/// <summary>A real store on a fresh temporary data directory, seeded from <see cref="ConfigRepoSeed"/>.</summary>
public sealed class TestStore : IDisposable
{
    private readonly TempDirectory _directory = new("gitops-store");

    public TestStore()
    {
        Seed = ConfigRepoSeed.Write(_directory.Path);
        DataDirectory = Path.Combine(_directory.Path, "data");
        Store = StoreFactory.Open(DataDirectory, Seed);
    }

    public string Seed { get; }

    public string DataDirectory { get; }

    public GitConfigStore Store { get; }

    /// <summary>The bare repository (for <see cref="GitCli"/>).</summary>
    public string GitDirectory => Store.RepositoryPath;

    /// <summary>What the branch points at on disk, read by the git command line.</summary>
    public string BranchHead() => GitCli.Run(GitDirectory, "rev-parse", "refs/heads/main");

    /// <summary>A second store instance on the same data directory (as another process or replica would open it).</summary>
    public GitConfigStore OpenSecond() => StoreFactory.Open(DataDirectory, Seed);

    public void Dispose()
    {
        Store.Dispose();
        _directory.Dispose();
    }
}
