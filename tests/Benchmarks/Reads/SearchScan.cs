using System.Diagnostics;
using System.Globalization;
using GitOps.Reconciler.Configuration;
using GitOps.Reconciler.Plugins;
using GitOps.Reconciler.Search;
using GitOps.TestSupport.Git;
using GitOps.TestSupport.Hosting;

namespace GitOps.Benchmarks.Reads;

/// <summary>Issue 19, search row, in process: the per-plugin search index against a linear scan of the same names with the
/// same rule (every query word starts a word of the name), on a repository whose sources are loaded into a real
/// <see cref="PluginHost"/>. Each query is answered in full (every match), which is what a scan must pay for.
/// usage: dotnet GitOps.Benchmarks.dll --b19-search &lt;seed folder from make-repo.py&gt; [queries=200]</summary>
internal static class SearchScan
{
    public static async Task<int> RunAsync(string seed, int queries)
    {
        using var data = new TempDirectory("b19-search");
        using var store = StoreFactory.Open(data.Path, Path.GetFullPath(seed));
        var host = new PluginHost();
        await host.ApplyAsync(store.Current);
        var snapshot = store.Current;
        var entities = host.Plugins.Values.Sum(p => p.Sources.Sum(s => s.Entities.Length));

        var build = Stopwatch.StartNew();
        var indexes = snapshot.Plugins.Values.Select(p => PluginSearchIndex.Build(p, host.GetPlugin(p.Name))).ToArray();
        build.Stop();

        var random = new Random(19);
        var texts = Enumerable.Range(0, queries).Select(i => (i % 4) switch
        {
            0 => $"s{random.Next(100).ToString("000", CultureInfo.InvariantCulture)} m{random.Next(10)}",
            1 => $"p{random.Next(100).ToString("000", CultureInfo.InvariantCulture)}-s{random.Next(100).ToString("000", CultureInfo.InvariantCulture)}",
            2 => $"team-{random.Next(10)}",
            _ => "nothing here",
        }).Select(SearchQuery.Parse).ToArray();

        var indexed = Measure(texts, q => indexes.Sum(i => i.Find(q).Count()));
        var scanned = Measure(texts, q => snapshot.Plugins.Values.Sum(p => LinearScan(p, host.GetPlugin(p.Name), q)));
        if (indexed.Counts.SequenceEqual(scanned.Counts) is false) throw new InvalidOperationException("the index and the scan disagree");

        Console.WriteLine(FormattableString.Invariant(
            $"{entities:N0} entities in {indexes.Length} plugins; {indexes.Sum(i => i.Count):N0} names indexed in {build.Elapsed.TotalMilliseconds:F0} ms"));
        Console.WriteLine(FormattableString.Invariant(
            $"search, {queries} queries (every match): index p50 {indexed.P50:F2} ms, p99 {indexed.P99:F2} ms; linear scan p50 {scanned.P50:F2} ms, p99 {scanned.P99:F2} ms; index/scan p50 = {indexed.P50 / scanned.P50:F3}"));
        return 0;
    }

    /// <summary>The names the index would hold, read one by one and split into words for every query.</summary>
    private static int LinearScan(PluginSnapshot plugin, RunningPlugin? running, SearchQuery query)
    {
        var count = Matches(query, plugin.Name) ? 1 : 0;
        foreach (var source in plugin.Sources)
        {
            if (Matches(query, source.Id, source.Name)) count++;
            count += source.Labels.Count(l => Matches(query, l));
            count += (running?.FindSource(source.Id)?.Entities ?? []).Count(e => Matches(query, e.Name));
        }
        return count;
    }

    private static bool Matches(SearchQuery query, params string[] texts)
    {
        var words = texts.SelectMany(SearchQuery.SplitWords).ToList();
        return query.Words.All(q => words.Exists(w => w.StartsWith(q, StringComparison.Ordinal)));
    }

    private static (double P50, double P99, int[] Counts) Measure(SearchQuery[] queries, Func<SearchQuery, int> run)
    {
        var times = new double[queries.Length];
        var counts = new int[queries.Length];
        for (var i = 0; i < queries.Length; i++)
        {
            var watch = Stopwatch.StartNew();
            counts[i] = run(queries[i]);
            times[i] = watch.Elapsed.TotalMilliseconds;
        }
        Array.Sort(times);
        return (times[times.Length / 2], times[(int)(times.Length * 0.99)], counts);
    }
}
