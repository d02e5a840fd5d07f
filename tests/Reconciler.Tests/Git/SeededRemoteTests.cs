using GitOps.TestSupport.Git;
using GitOps.TestSupport.Hosting;

namespace GitOps.Reconciler.Tests.Git;

/// <summary>Tests against a real <c>git daemon</c> on 127.0.0.1 serving a remote seeded with the test config repository:
/// a new remote per test, and the seed folder replicas open the store with.</summary>
public abstract class SeededRemoteTests(string name) : IAsyncLifetime, IDisposable
{
    private readonly TempDirectory _seedRoot = new(name);

    protected RemoteRepository Remote { get; private set; } = null!;

    protected string Seed { get; private set; } = "";

    public async Task InitializeAsync()
    {
        Seed = ConfigRepoSeed.Write(_seedRoot.Path);
        Remote = await RemoteRepository.StartAsync(Seed);
    }

    public async Task DisposeAsync() => await Remote.DisposeAsync();

    public void Dispose()
    {
        _seedRoot.Dispose();
        GC.SuppressFinalize(this);
    }
}
