using System.Collections.Immutable;
using System.Diagnostics;
using System.Text;
using GitOps.Reconciler.Configuration;
using GitOps.Reconciler.Git;
using LibGit2Sharp;

namespace GitOps.Benchmarks.Git;

/// <summary>Where B1's allocation and CPU go (issue 19): the steps of one mutation of 1 of 10,000 files, each measured
/// alone on the same repository (<c>dotnet GitOps.Benchmarks.dll --b1-profile [rounds]</c>): the edit, the tree write,
/// the prebuilt plugin, the validation of the new root tree, the commit object, the message, and the whole
/// <see cref="GitConfigStore.MutateAsync"/> for comparison. Prints bytes allocated and microseconds per step (medians).</summary>
internal static class MutationAllocationProfile
{
    public static async Task<int> RunAsync(int rounds)
    {
        using var large = new LargeConfigRepo();
        using var repo = new Repository(large.Store.RepositoryPath);
        var reader = new TreeSnapshotReader(new SnapshotBuilder(), new SnapshotCache());
        var head = repo.Lookup<Commit>(large.Store.Current.Head);
        reader.ReadTree(head.Tree);
        var author = new CommitAuthor("bench", "bench@gitops.local");
        var path = $"plugins/plugin-000/{LargeConfigRepo.Catalog(2)}";
        var steps = new Dictionary<string, List<(long Bytes, double Micros)>>(StringComparer.Ordinal);
        void Measure(string step, Action action)
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            var clock = Stopwatch.StartNew();
            action();
            var micros = clock.Elapsed.TotalMicroseconds;
            if (!steps.TryGetValue(step, out var list)) steps[step] = list = [];
            list.Add((GC.GetAllocatedBytesForCurrentThread() - before, micros));
        }
        for (var round = 0; round < rounds; round++)
        {
            var content = Encoding.UTF8.GetBytes(LargeConfigRepo.CatalogContent("plugin-000", 2, 1000 + round));
            var changes = ImmutableDictionary<string, ReadOnlyMemory<byte>?>.Empty.Add(path, content);
            Tree tree = null!;
            Measure("1 tree write (TreeEditor.Apply)", () => tree = TreeEditor.Apply(repo, head.Tree, changes));
            var basePlugin = large.Store.Current.Plugins["plugin-000"];
            Measure("2 changed plugin built (BuildPlugin)", () =>
            {
                var files = basePlugin.Files.ToBuilder();
                files[LargeConfigRepo.Catalog(2)] = content;
                reader.BuildPlugin("plugin-000", files.ToImmutable(), ((Tree)tree["plugins/plugin-000"].Target).Sha,
                    ContentChecked.Unchanged(basePlugin, new HashSet<string>(StringComparer.Ordinal) { LargeConfigRepo.Catalog(2) }));
            });
            Measure("3 new root validated (ReadTree)", () => reader.ReadTree(tree));
            string message = "";
            Measure("4 commit message", () => message = CommitMessage.Format("plugin-000: change catalog-002", null, "bench", author));
            Measure("5 commit object", () =>
            {
                var signature = new Signature(author.Name, author.Email, DateTimeOffset.UtcNow);
                repo.ObjectDatabase.CreateCommit(signature, signature, message, tree, [head], prettifyMessage: false);
            });
            var version = 5000 + round;
            var request = new MutationRequest(large.Store.Current.Head, author, "plugin-000: change catalog-002", null, "bench", _ =>
                new EditResult.Changes(ImmutableDictionary<string, ReadOnlyMemory<byte>?>.Empty
                    .Add(path, Encoding.UTF8.GetBytes(LargeConfigRepo.CatalogContent("plugin-000", 2, version)))));
            MutationOutcome outcome = null!;
            Measure("9 whole MutateAsync (with fsyncs)", () => outcome = large.Store.MutateAsync(request).GetAwaiter().GetResult());
            if (outcome is not MutationOutcome.Committed) throw new InvalidOperationException(outcome.ToString());
            head = repo.Lookup<Commit>(large.Store.Current.Head);
        }
        Console.WriteLine($"B1 profile, {rounds} rounds, 1 of {large.FileCount} files (medians; first round dropped):");
        foreach (var (step, list) in steps.OrderBy(s => s.Key, StringComparer.Ordinal))
        {
            var kept = list.Skip(1).ToList();
            var bytes = kept.Select(k => k.Bytes).Order().ElementAt(kept.Count / 2);
            var micros = kept.Select(k => k.Micros).Order().ElementAt(kept.Count / 2);
            Console.WriteLine($"  {step,-40} {bytes / 1024.0,10:F1} KB {micros,10:F0} µs");
        }
        await Task.CompletedTask;
        return 0;
    }
}
