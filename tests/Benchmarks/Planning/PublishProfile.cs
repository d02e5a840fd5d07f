using System.Collections.Immutable;
using System.Diagnostics;
using System.Text;
using GitOps.Benchmarks.Git;
using GitOps.Reconciler.Git;
using GitOps.Reconciler.Git.Drafts;
using GitOps.TestSupport.Git;

namespace GitOps.Benchmarks.Planning;

/// <summary>B14 publish row by parts (<c>--b14-publish</c>): 15 rounds of a fresh one-source draft rebased over an unrelated
/// commit; p50 of reading the draft (<c>Get</c>: commit walk + tree diff, as a publish does once), the publish, a direct
/// mutation of the same change and one <c>syncfs</c>; then a publish's reads one by one (commit walk, the draft's diff, its
/// files, the overlap check).</summary>
internal static class PublishProfile
{
    public static async Task<int> RunAsync()
    {
        using var repo = new LargeConfigRepo();
        var store = repo.Store;
        var info = new List<double>(); var pub = new List<double>(); var sync = new List<double>(); var direct = new List<double>(); var walk = new List<double>(); var diff1 = new List<double>(); var files = new List<double>(); var diff2 = new List<double>();
        for (var i = 0; i < 15; i++)
        {
            var id = $"p{i}";
            var created = (DraftOutcome.Done)store.Drafts.Create($"t{i}", id, null, Mutations.Alice);
            await store.MutateAsync(new MutationRequest(created.Draft.Head, Mutations.Alice, "e", null, $"e{i}", _ => C("plugins/plugin-050/sources.yaml", $"apiVersion: gitops/v1\nplugin: plugin-050\nsources:\n  - id: main\n    name: D{i}\n    type: yaml\n    properties:\n      yamlCatalogPath: catalog-002.yaml\n")) { Draft = id });
            await store.MutateAsync(new MutationRequest(store.Current.Head, Mutations.Alice, "u", null, $"u{i}", _ => C("plugins/plugin-010/catalog-001.yaml", $"source: x{i}\nmodels: []\n")));
            var w = Stopwatch.StartNew(); store.Drafts.Get(id); info.Add(w.Elapsed.TotalMilliseconds);
            using (var r = new LibGit2Sharp.Repository(store.RepositoryPath))
            {
                var rec = store.Drafts.Record(id)!;
                var head = r.Refs["refs/heads/drafts/" + id].ResolveToDirectReference().TargetIdentifier;
                var branch = r.Refs["refs/heads/main"].ResolveToDirectReference().TargetIdentifier;
                w.Restart(); _ = r.Commits.QueryBy(new LibGit2Sharp.CommitFilter { IncludeReachableFrom = head, ExcludeReachableFrom = rec.Base, SortBy = LibGit2Sharp.CommitSortStrategies.Topological | LibGit2Sharp.CommitSortStrategies.Time }).ToList(); walk.Add(w.Elapsed.TotalMilliseconds);
                w.Restart(); var changes = DraftChanges.Compare(r, rec.Base, head); diff1.Add(w.Elapsed.TotalMilliseconds);
                w.Restart(); var written = DraftChanges.Files(r, changes); files.Add(w.Elapsed.TotalMilliseconds);
                w.Restart(); DraftChanges.Differing(r, rec.Base, branch, written.Keys); diff2.Add(w.Elapsed.TotalMilliseconds);
            }
            w.Restart(); var o = await store.Drafts.PublishAsync(id, null, Mutations.Alice, $"p{i}", 0, default); pub.Add(w.Elapsed.TotalMilliseconds);
            if (o is not DraftOutcome.Published) throw new InvalidOperationException(o.ToString());
            w.Restart(); await store.MutateAsync(new MutationRequest(store.Current.Head, Mutations.Alice, "d", null, $"d{i}", _ => C("plugins/plugin-050/sources.yaml", $"apiVersion: gitops/v1\nplugin: plugin-050\nsources:\n  - id: main\n    name: X{i}\n    type: yaml\n    properties:\n      yamlCatalogPath: catalog-002.yaml\n"))); direct.Add(w.Elapsed.TotalMilliseconds);
            w.Restart(); LibGit2Durability.FlushObjects(store.RepositoryPath); sync.Add(w.Elapsed.TotalMilliseconds);
        }
        static double P50(List<double> l) => l.Order().ElementAt(l.Count / 2);
        Console.WriteLine($"info {P50(info):F2} ms, publish {P50(pub):F1} ms, direct {P50(direct):F1} ms, syncfs {P50(sync):F1} ms");
        Console.WriteLine($"walk {P50(walk):F2} ms, draft diff {P50(diff1):F2} ms, its files read {P50(files):F2} ms, overlap check {P50(diff2):F2} ms");
        return 0;
    }

    private static EditResult C(string path, string content) => new EditResult.Changes(ImmutableDictionary<string, ReadOnlyMemory<byte>?>.Empty.Add(path, Encoding.UTF8.GetBytes(content)));
}
