using System.Diagnostics;
using System.Globalization;
using System.Text;
using GitOps.Benchmarks.Git;
using GitOps.Reconciler.Kubernetes;
using GitOps.Reconciler.Planning;
using GitOps.Reconciler.Plugins;
using GitOps.TestSupport.Git;
using Microsoft.Extensions.Options;

namespace GitOps.Benchmarks.Planning;

/// <summary>B14's parts timed one by one (<c>--b14-profile</c>): where a plan of the benchmark's change spends its time.</summary>
internal static class PlanProfile
{
    public static async Task<int> RunAsync(int rounds)
    {
        using var repo = new LargeConfigRepo();
        var host = new PluginHost();
        await host.ApplyAsync(repo.Store.Current);
        var planner = new Planner(repo.Store, host, Options.Create(new KubernetesOptions()));
        GitCli.Run(repo.Store.RepositoryPath, "update-ref", "refs/heads/drafts/b14", "refs/heads/main");
        GitCli.CommitFile(repo.Store.RepositoryPath, "drafts/b14", "plugins/plugin-050/sources.yaml",
            "apiVersion: gitops/v1\nplugin: plugin-050\nsources:\n  - id: main\n    name: Main\n    type: yaml\n    properties:\n      yamlCatalogPath: catalog-002.yaml\n", "b14");
        var trees = repo.Store.PlanTrees;
        var sides = ((PlanTrees.Read.Sides)trees.Draft("b14")).Value;
        var before = sides.Before.Snapshot.Plugins["plugin-050"];
        var after = sides.After.Snapshot.Plugins["plugin-050"];
        var builder = new PlanBuilder(new SourceCounts(host), "gitops");
        var version = 0;
        var all = sides.Before.Snapshot.Plugins.Values.ToList();
        Time("compose 100 plugins (a list)", rounds, () => GitOps.Reconciler.Configuration.SnapshotBuilder.Compose("", "x", all));
        Time("dry run", rounds, () => host.DryRunAsync(after, after.Sources[0]).GetAwaiter().GetResult());
        Time("draft trees", rounds, () => trees.Draft("b14"));
        Time("configmap diff", rounds, () => ConfigMapDiff.Of(before, after, "gitops", []));
        Time("builder (draft sides)", rounds, () => builder.BuildAsync(sides, _ => true, default).GetAwaiter().GetResult());
        Time("plan draft", rounds, () => planner.PlanDraftAsync("b14", _ => true).GetAwaiter().GetResult());
        Time("edit trees (new tree)", rounds, () => trees.Edit(null, System.Collections.Immutable.ImmutableDictionary<string, ReadOnlyMemory<byte>?>.Empty
            .Add("plugins/plugin-050/sources.yaml", Encoding.UTF8.GetBytes($"apiVersion: gitops/v1\nplugin: plugin-050\nsources:\n  - id: main\n    name: M{++version}\n    type: yaml\n    properties:\n      yamlCatalogPath: catalog-002.yaml\n"))));
        return 0;
    }

    private static void Time(string name, int rounds, Action action)
    {
        action();
        var times = new List<double>();
        for (var i = 0; i < rounds; i++)
        {
            var watch = Stopwatch.StartNew();
            action();
            times.Add(watch.Elapsed.TotalMicroseconds);
        }
        times.Sort();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name,-28} p50 {times[times.Count / 2],10:F0} us   min {times[0],10:F0} us"));
    }
}
