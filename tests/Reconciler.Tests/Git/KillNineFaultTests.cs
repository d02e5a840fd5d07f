using System.Diagnostics;
using GitOps.Reconciler.Git;
using GitOps.TestSupport.Git;
using GitOps.TestSupport.Hosting;

namespace GitOps.Reconciler.Tests.Git;

/// <summary>Issue 11, keep it true: kill -9 at random points during 1,000 mutations, spread over short-lived writer
/// processes on one data directory. Every acknowledged commit is on the branch, <c>git fsck</c> is clean, and each new
/// writer gets past whatever lock its killed predecessor left (no hand deletion).</summary>
public sealed class KillNineFaultTests : IDisposable
{
    private const int Mutations = 1000;
    private readonly TempDirectory _directory = new("gitops-kill9-suite");

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task Kill9_AtRandomPointsDuring1000Mutations_KeepsEveryAcknowledgedCommit_AndFsckClean()
    {
        var seed = ConfigRepoSeed.Write(_directory.Path);
        var data = Path.Combine(_directory.Path, "data");
        var randomSeed = Environment.TickCount;
        var random = new Random(randomSeed);
        var acknowledged = new List<string>();
        var rounds = 0;
        while (acknowledged.Count < Mutations)
        {
            rounds++;
            var killAfter = Math.Min(random.Next(50, 300), Mutations - acknowledged.Count);
            acknowledged.AddRange(await RunAndKillAsync(data, seed, killAfter, TimeSpan.FromMilliseconds(random.Next(0, 4)), randomSeed));
        }

        var gitDirectory = Path.Combine(data, "repo.git");
        var head = GitCli.Run(gitDirectory, "rev-parse", "refs/heads/main");
        var onBranch = GitCli.Run(gitDirectory, "rev-list", head).Split('\n').ToHashSet(StringComparer.Ordinal);
        var lost = acknowledged.Where(sha => !onBranch.Contains(sha)).ToList();
        Assert.True(lost.Count == 0, $"random seed {randomSeed}, {rounds} rounds: {lost.Count} acknowledged commits are not on the branch");
        var fsck = GitCli.TryRun(gitDirectory, "fsck", "--full", "--strict");
        Assert.True(fsck.ExitCode == 0, $"random seed {randomSeed}: {fsck.Error}");
        Assert.DoesNotContain("missing", fsck.Output, StringComparison.OrdinalIgnoreCase);
        using var reopened = StoreFactory.Open(data, seed, staleLockAfter: TimeSpan.FromMilliseconds(100));
        Assert.True(ConfigRepoSeed.ParseCounter(reopened.Current.Plugins["models"].Files["counter.yaml"].Span) >= acknowledged.Count);
        Assert.IsType<MutationOutcome.Committed>(await reopened.MutateAsync(GitOps.TestSupport.Git.Mutations.IncrementCounter(reopened.Current.Head)));
    }

    /// <summary>Starts a writer, reads acknowledgements until <paramref name="killAfter"/>, lets it run on for
    /// <paramref name="grace"/> (so the kill lands anywhere inside the next mutation) and kills it with SIGKILL.</summary>
    private static async Task<List<string>> RunAndKillAsync(string data, string seed, int killAfter, TimeSpan grace, int randomSeed)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { StaleRefLockTests.ProbeDll, data, seed }) start.ArgumentList.Add(argument);
        start.Environment["STOREPROBE_STALE_LOCK_MS"] = "100";
        using var probe = Process.Start(start) ?? throw new InvalidOperationException("could not start the store probe");
        var acknowledged = new List<string>();
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
            while (acknowledged.Count < killAfter)
            {
                var line = await probe.StandardOutput.ReadLineAsync(timeout.Token);
                if (line is null)
                {
                    await probe.WaitForExitAsync(timeout.Token);
                    throw new InvalidOperationException($"random seed {randomSeed}: the writer exited early: {await probe.StandardError.ReadToEndAsync(timeout.Token)}");
                }
                if (line.StartsWith("committed ", StringComparison.Ordinal)) acknowledged.Add(line["committed ".Length..]);
            }
            if (grace > TimeSpan.Zero) await Task.Delay(grace);
        }
        finally
        {
            probe.Kill(); // SIGKILL: no finalisers, no flush
            await probe.WaitForExitAsync();
        }
        // Lines written before the kill are acknowledged too: read what is left in the pipe.
        while (await probe.StandardOutput.ReadLineAsync() is { } rest)
            if (rest.StartsWith("committed ", StringComparison.Ordinal)) acknowledged.Add(rest["committed ".Length..]);
        return acknowledged;
    }
}
