using System.Collections.Immutable;
using System.Diagnostics;
using System.Text;
using GitOps.Reconciler.Configuration;
using GitOps.Reconciler.Git;
using GitOps.Reconciler.Plugins;
using GitOps.TestSupport.Git;

namespace GitOps.Benchmarks.Scale;

/// <summary>In-process figures of the store at scale, on a copy of a cached bare repository (see make-repo.py): opening
/// the store (reading and validating the head), applying the snapshot to a <see cref="PluginHost"/> (the start-up
/// pass's load), and one mutation of one catalog file, each timed with the git objects it opened.</summary>
/// <remarks>usage: <c>dotnet GitOps.Benchmarks.dll --store-scale &lt;bare repo&gt; &lt;data dir&gt; [mutations] [no-op passes]</c>. The data
/// directory is reused when it exists (a warm start: the persisted snapshot index is there).</remarks>
internal static class StoreScaleProbe
{
    public static async Task<int> RunAsync(string bareRepository, string dataDirectory, int mutations, int noOpPasses)
    {
        var git = Path.Combine(dataDirectory, "repo.git");
        if (!Directory.Exists(git)) CopyDirectory(bareRepository, git);
        var clock = Stopwatch.StartNew();
        using var store = StoreFactory.Create(dataDirectory, "unused-seed");
        store.Initialize();
        var open = clock.Elapsed;
        var files = store.Current.Plugins.Values.Sum(p => p.Files.Count);
        clock.Restart();
        var host = new PluginHost();
        await host.ApplyAsync(store.Current);
        var load = clock.Elapsed;
        Console.WriteLine($"store-scale: {store.Current.Plugins.Count} plugins, {files} files: open (read + validate the head) {open.TotalMilliseconds:F0} ms, " +
            $"load into the plugin host {load.TotalMilliseconds:F0} ms; snapshot index: {store.Index?.Hits} folders vouched for, {store.Index?.Misses} checked in full " +
            $"({store.Index?.DiscardReason ?? "not discarded"}); managed heap {GC.GetTotalMemory(true) / 1048576.0:F0} MiB");
        if (Environment.GetEnvironmentVariable("PROBE_SPLIT") is not null) Split(store.RepositoryPath);
        var times = new List<double>();
        for (var i = 0; i < mutations; i++)
        {
            var plugin = store.Current.Plugins.Keys.ElementAt(i * 7919 % store.Current.Plugins.Count);
            var head = store.Current.Head;
            clock.Restart();
            var outcome = await store.MutateAsync(new MutationRequest(head, Mutations.Alice, $"bench {i}", null, $"bench-{i}",
                snapshot => new EditResult.Changes(ImmutableDictionary<string, ReadOnlyMemory<byte>?>.Empty.Add(
                    $"plugins/{plugin}/catalog-050.yaml",
                    Encoding.UTF8.GetBytes($"source: {plugin}\nmodels:\n  - name: {plugin}-model-50\n    description: version {Guid.NewGuid():N}\n")))));
            times.Add(clock.Elapsed.TotalMilliseconds);
            if (outcome is not MutationOutcome.Committed) throw new InvalidOperationException($"mutation {i}: {outcome}");
        }
        if (times.Count > 0)
            Console.WriteLine($"store-scale: {times.Count} mutations of one catalog file: p50 {times.Order().ElementAt(times.Count / 2):F1} ms, " +
                $"first {times[0]:F1} ms, all [{string.Join(", ", times.Select(t => t.ToString("F0", System.Globalization.CultureInfo.InvariantCulture)))}]");
        if (noOpPasses > 0) await NoOpPassesAsync(store, noOpPasses);
        return 0;
    }

    /// <summary>No-op reconcile passes (the service's pass against the fake API server in a child process, every ConfigMap
    /// in step) against <c>git ls-tree -r</c> of the same head, alternating, medians of each.</summary>
    private static async Task NoOpPassesAsync(GitConfigStore store, int passes)
    {
        using var kube = Reconciliation.FakeKubeProcess.Start("gitops-system");
        await using var replica = new Reconciliation.ServiceReplica(store, kube.KubeconfigPath, "bench");
        await replica.WaitForLeadershipAsync();
        var first = await replica.RunAsync("setup");
        if (first.Outcome != Reconciler.Reconciliation.ReconcileOutcome.Succeeded) throw new InvalidOperationException($"setup pass {first.Outcome}: {first.Error}");
        var (pass, lsTree) = (new List<double>(), new List<double>());
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < passes; i++)
        {
            clock.Restart();
            var report = await replica.RunAsync("bench");
            pass.Add(clock.Elapsed.TotalMilliseconds);
            if (report.Outcome != Reconciler.Reconciliation.ReconcileOutcome.Succeeded || report.Actions.Length > 0)
                throw new InvalidOperationException($"not a no-op pass: {report.Outcome}");
            clock.Restart();
            var start = new ProcessStartInfo("git", ["--git-dir", store.RepositoryPath, "ls-tree", "-r", "refs/heads/main"]) { RedirectStandardOutput = true, UseShellExecute = false };
            using var process = Process.Start(start)!;
            _ = await process.StandardOutput.ReadToEndAsync();
            await process.WaitForExitAsync();
            lsTree.Add(clock.Elapsed.TotalMilliseconds);
        }
        double Median(List<double> v) => v.Order().ElementAt(v.Count / 2);
        Console.WriteLine($"store-scale: no-op pass p50 {Median(pass):F1} ms vs git ls-tree -r p50 {Median(lsTree):F1} ms: {Median(pass) / Median(lsTree):F2}x ({passes} of each, alternating)");
    }

    private static void Split(string gitDirectory)
    {
        using var repo = new LibGit2Sharp.Repository(gitDirectory);
        var clock = Stopwatch.StartNew();
        var plugins = new List<(string, Dictionary<string, ReadOnlyMemory<byte>>)>();
        foreach (var entry in (LibGit2Sharp.Tree)repo.Head.Tip.Tree["plugins"].Target)
        {
            var files = new Dictionary<string, ReadOnlyMemory<byte>>(StringComparer.Ordinal);
            foreach (var f in (LibGit2Sharp.Tree)entry.Target) files[f.Name] = TreeSnapshotReader.ReadBlob((LibGit2Sharp.Blob)f.Target);
            plugins.Add((entry.Name, files));
        }
        var read = clock.Elapsed;
        clock.Restart();
        var builder = new SnapshotBuilder();
        foreach (var (name, files) in plugins) builder.BuildPlugin(name, files, [], "");
        var build = clock.Elapsed;
        clock.Restart();
        foreach (var (name, files) in plugins) ContentHash.Of(files);
        var hash = clock.Elapsed;
        clock.Restart();
        foreach (var (name, files) in plugins)
            foreach (var (f, c) in files) if (f != "sources.yaml") PluginFileRules.Check("plugins/" + name, f, c, YamlLimits.Default);
        Console.WriteLine($"split: read blobs {read.TotalMilliseconds:F0} ms, build plugins {build.TotalMilliseconds:F0} ms (of which hashing {hash.TotalMilliseconds:F0} ms, YAML check of other files {clock.Elapsed.TotalMilliseconds:F0} ms)");
    }

    private static void CopyDirectory(string from, string to)
    {
        foreach (var directory in Directory.EnumerateDirectories(from, "*", SearchOption.AllDirectories))
            Directory.CreateDirectory(Path.Combine(to, Path.GetRelativePath(from, directory)));
        Directory.CreateDirectory(to);
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
            File.Copy(file, Path.Combine(to, Path.GetRelativePath(from, file)));
    }
}
