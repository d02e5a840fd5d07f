using System.Diagnostics;
using GitOps.Reconciler.Git;
using GitOps.TestSupport.Git;
using GitOps.TestSupport.Hosting;

namespace GitOps.Reconciler.Tests.Git;

/// <summary>Issue 11, faults: a ref lock left by a writer that died is recovered, a live writer's lock never is.</summary>
public sealed class StaleRefLockTests : IDisposable
{
    private static readonly TimeSpan ShortBound = TimeSpan.FromMilliseconds(200);
    private readonly TempDirectory _directory = new("gitops-stale-lock");
    private readonly string _seed;
    private readonly string _data;

    public StaleRefLockTests()
    {
        _seed = ConfigRepoSeed.Write(_directory.Path);
        _data = Path.Combine(_directory.Path, "data");
        StoreFactory.Open(_data, _seed).Dispose();
    }

    public void Dispose() => _directory.Dispose();

    private string LockFile => Path.Combine(_data, "repo.git", "refs", "heads", "main.lock");

    internal static string ProbeDll => Path.Combine(RepositoryRoot.Path, "tests", "StoreProbe", "bin", RepositoryRoot.Configuration, "net10.0", "GitOps.StoreProbe.dll");

    /// <summary>Starts the store probe in hold-lock mode and waits until it holds the ref lock.</summary>
    private async Task<Process> StartLockHolderAsync()
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { ProbeDll, "hold-lock", _data, _seed }) start.ArgumentList.Add(argument);
        var probe = Process.Start(start) ?? throw new InvalidOperationException("could not start the store probe");
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        var line = await probe.StandardOutput.ReadLineAsync(timeout.Token);
        if (line == "locked") return probe;
        probe.Kill();
        await probe.WaitForExitAsync();
        throw new InvalidOperationException($"probe said '{line}': {await probe.StandardError.ReadToEndAsync()}");
    }

    [Fact]
    public async Task Mutate_AfterTheProcessHoldingTheRefLockIsKilled_RemovesTheStaleLockAndCommits()
    {
        using var probe = await StartLockHolderAsync();
        probe.Kill(); // SIGKILL: the lock file stays, its holder is gone
        await probe.WaitForExitAsync();
        Assert.True(File.Exists(LockFile));
        await Task.Delay(ShortBound * 2);

        using var store = StoreFactory.Open(_data, _seed, staleLockAfter: ShortBound);
        var outcome = await store.MutateAsync(Mutations.IncrementCounter(store.Current.Head));

        Assert.IsType<MutationOutcome.Committed>(outcome);
        Assert.False(File.Exists(LockFile));
    }

    [Fact]
    public async Task Mutate_WhileALiveProcessHoldsAnOldRefLock_NeverBreaksIt()
    {
        using var probe = await StartLockHolderAsync();
        try
        {
            File.SetLastWriteTimeUtc(LockFile, DateTime.UtcNow.AddHours(-1)); // old by the clock: only the flock says it is alive
            using var store = StoreFactory.Open(_data, _seed, staleLockAfter: ShortBound);
            var head = store.Current.Head;

            var outcome = await store.MutateAsync(Mutations.IncrementCounter(head));

            Assert.IsType<MutationOutcome.HeadMoved>(outcome); // contended: nothing written
            Assert.True(File.Exists(LockFile));
            Assert.Equal(head, GitCli.Run(Path.Combine(_data, "repo.git"), "rev-parse", "refs/heads/main"));

            probe.Kill();
            await probe.WaitForExitAsync();
            Assert.IsType<MutationOutcome.Committed>(await store.MutateAsync(Mutations.IncrementCounter(head)));
        }
        finally
        {
            if (!probe.HasExited) probe.Kill();
        }
    }

    [Fact]
    public async Task Mutate_WithAYoungLockAsGitLeavesIt_WaitsAndDoesNotBreakIt()
    {
        // git update-ref takes no flock: only the age tells. A lock younger than the bound is a live writer's.
        using var store = StoreFactory.Open(_data, _seed, staleLockAfter: TimeSpan.FromMinutes(5));
        await File.WriteAllTextAsync(LockFile, store.Current.Head + "\n");

        var outcome = await store.MutateAsync(Mutations.IncrementCounter(store.Current.Head));

        Assert.IsType<MutationOutcome.HeadMoved>(outcome);
        Assert.True(File.Exists(LockFile));
    }

    [Fact]
    public async Task Initialize_WithALockOlderThanTheBoundAndNoHolder_RemovesItAtStartup()
    {
        await File.WriteAllTextAsync(LockFile, "0000000000000000000000000000000000000000\n");
        File.SetLastWriteTimeUtc(LockFile, DateTime.UtcNow.AddMinutes(-1));

        using var store = StoreFactory.Open(_data, _seed, staleLockAfter: TimeSpan.FromSeconds(30));

        Assert.False(File.Exists(LockFile));
    }
}
