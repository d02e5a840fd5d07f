using GitOps.Reconciler.Configuration;
using GitOps.Reconciler.Git;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace GitOps.TestSupport.Git;

/// <summary>Creates real <see cref="GitConfigStore"/>s on a data directory (no host, no DI).</summary>
public static class StoreFactory
{
    /// <param name="metrics">Where the store counts (verification failures); null: nowhere.</param>
    /// <param name="publisher">Where commits go before the branch moves; null: nowhere (embedded mode).</param>
    public static GitConfigStore Create(string dataDirectory, string seed, string branch = "main", TimeProvider? time = null, TimeSpan? staleLockAfter = null,
        Reconciler.Observability.GitOpsMetrics? metrics = null, ICommitPublisher? publisher = null)
    {
        var options = Options.Create(new RepositoryOptions { Path = dataDirectory, Seed = seed, Branch = branch, StaleLockAfter = staleLockAfter ?? RepositoryOptions.DefaultStaleLockAfter });
        return new GitConfigStore(options, new SnapshotBuilder(), time ?? TimeProvider.System, NullLogger<GitConfigStore>.Instance, publisher: publisher, metrics: metrics);
    }

    /// <summary>Creates and initialises a store (first start seeds the repository).</summary>
    public static GitConfigStore Open(string dataDirectory, string seed, string branch = "main", TimeSpan? staleLockAfter = null, ICommitPublisher? publisher = null)
    {
        var store = Create(dataDirectory, seed, branch, staleLockAfter: staleLockAfter, publisher: publisher);
        store.Initialize();
        return store;
    }
}
