using System.Diagnostics;
using System.Reflection;
using GitOps.Reconciler.Git;
using GitOps.TestSupport.Git;
using GitOps.TestSupport.Hosting;

namespace GitOps.Reconciler.Tests.Git;

public sealed class GitConfigStoreDurabilityTests : IDisposable
{
    private const int AcknowledgementsBeforeKill = 25;
    private readonly TempDirectory _directory = new("gitops-durability");

    public void Dispose() => _directory.Dispose();

    private static string ProbeDll => Path.Combine(RepositoryRoot.Path, "tests", "StoreProbe", "bin", RepositoryRoot.Configuration, "net10.0", "GitOps.StoreProbe.dll");

    /// <param name="writers">1: one writer with If-Match; 8: concurrent If-Match: * writers, so acknowledged commits come from batches.</param>
    [Theory]
    [InlineData(1)]
    [InlineData(8)]
    public async Task Mutate_AcknowledgedCommits_SurviveKill9OfTheWriter(int writers)
    {
        var seed = ConfigRepoSeed.Write(_directory.Path);
        var data = Path.Combine(_directory.Path, "data");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { ProbeDll, data, seed }) start.ArgumentList.Add(argument);
        start.Environment["STOREPROBE_WRITERS"] = writers.ToString(System.Globalization.CultureInfo.InvariantCulture);
        using var probe = Process.Start(start) ?? throw new InvalidOperationException("could not start the store probe");
        var acknowledged = new List<string>();
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
            while (acknowledged.Count < AcknowledgementsBeforeKill)
            {
                var line = await probe.StandardOutput.ReadLineAsync(timeout.Token)
                    ?? throw new InvalidOperationException($"probe exited early: {await probe.StandardError.ReadToEndAsync()}");
                if (line.StartsWith("committed ", StringComparison.Ordinal)) acknowledged.Add(line["committed ".Length..]);
            }
        }
        finally
        {
            probe.Kill(); // SIGKILL on Unix: no finalisers, no flush, mid-mutation
            await probe.WaitForExitAsync();
        }

        var gitDirectory = Path.Combine(data, "repo.git");
        var head = GitCli.Run(gitDirectory, "rev-parse", "refs/heads/main");
        Assert.All(acknowledged, sha => Assert.Equal(0, GitCli.TryRun(gitDirectory, "merge-base", "--is-ancestor", sha, head).ExitCode));
        var fsck = GitCli.TryRun(gitDirectory, "fsck", "--full", "--strict");
        Assert.True(fsck.ExitCode == 0, fsck.Error);
        Assert.DoesNotContain("error", fsck.Error, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("missing", fsck.Output, StringComparison.OrdinalIgnoreCase);

        // A kill inside the ref update may leave git's lock behind: the store recovers it (no deleting it by hand here).
        using var reopened = StoreFactory.Open(data, seed, staleLockAfter: TimeSpan.FromMilliseconds(100));
        Assert.Equal(head, reopened.Current.Head);
        Assert.True(ConfigRepoSeed.ParseCounter(reopened.Current.Plugins["models"].Files["counter.yaml"].Span) >= acknowledged.Count);
        Assert.IsType<MutationOutcome.Committed>(await reopened.MutateAsync(Mutations.IncrementCounter(reopened.Current.Head)));
    }

    [Fact]
    public async Task Kill9_BetweenABatchsFlushAndItsBranchMove_AcknowledgesNoneOfTheBatch()
    {
        const int batch = 5;
        var seed = ConfigRepoSeed.Write(_directory.Path);
        var data = Path.Combine(_directory.Path, "data");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { ProbeDll, "crash-in-batch", data, seed, "5" }) start.ArgumentList.Add(argument);
        using var probe = Process.Start(start) ?? throw new InvalidOperationException("could not start the store probe");
        var acknowledged = new List<string>();
        string? publishing = null;
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
            while (publishing is null)
            {
                var line = await probe.StandardOutput.ReadLineAsync(timeout.Token)
                    ?? throw new InvalidOperationException($"probe exited early: {await probe.StandardError.ReadToEndAsync()}");
                if (line.StartsWith("committed ", StringComparison.Ordinal)) acknowledged.Add(line["committed ".Length..]);
                if (line.StartsWith("publishing ", StringComparison.Ordinal)) publishing = line;
            }
        }
        finally
        {
            probe.Kill(); // SIGKILL with the batch written and flushed, the branch not moved
            await probe.WaitForExitAsync();
        }
        while (await probe.StandardOutput.ReadLineAsync() is { } rest)
            if (rest.StartsWith("committed ", StringComparison.Ordinal)) acknowledged.Add(rest["committed ".Length..]);

        var parts = publishing.Split(' ');
        Assert.Equal(batch.ToString(System.Globalization.CultureInfo.InvariantCulture), parts[1]);
        var gitDirectory = Path.Combine(data, "repo.git");
        var head = GitCli.Run(gitDirectory, "rev-parse", "refs/heads/main");
        Assert.Equal(head, Assert.Single(acknowledged));
        Assert.Equal("commit", GitCli.Run(gitDirectory, "cat-file", "-t", parts[2])); // written and durable, never reachable
        Assert.Equal(batch, int.Parse(GitCli.Run(gitDirectory, "rev-list", "--count", parts[2], "^" + head), System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(0, GitCli.TryRun(gitDirectory, "fsck", "--full", "--strict").ExitCode);

        using var reopened = StoreFactory.Open(data, seed, staleLockAfter: TimeSpan.FromMilliseconds(100));
        Assert.Equal(head, reopened.Current.Head);
        Assert.DoesNotContain(reopened.Current.Plugins["models"].Files.Keys, file => file.StartsWith("note-", StringComparison.Ordinal));
        Assert.IsType<MutationOutcome.Committed>(await reopened.MutateAsync(Mutations.IncrementCounter(reopened.Current.Head)));
    }

    [Fact]
    public void EnableFsyncGitdir_OptionNumber_MatchesLibGit2SharpsOwnEnum()
    {
        // LibGit2Sharp keeps the git_libgit2_opt_t numbers in an internal enum; find it by its member name.
        var option = typeof(LibGit2Sharp.Repository).Assembly.GetTypes()
            .Single(t => t.IsEnum && Enum.GetNames(t).Contains("EnableFsyncGitdir") && Enum.GetNames(t).Contains("EnableOfsDelta"));
        var value = Convert.ToInt32(Enum.Parse(option, "EnableFsyncGitdir"), System.Globalization.CultureInfo.InvariantCulture);
        var ours = (int)typeof(LibGit2Durability).GetField("EnableFsyncGitdir", BindingFlags.NonPublic | BindingFlags.Static)!.GetRawConstantValue()!;

        Assert.Equal(value, ours);
        LibGit2Durability.Configure(); // throws when the native library or the option is not there
        Assert.True(LibGit2Durability.FlushesFileSystem == OperatingSystem.IsLinux());
    }
}
