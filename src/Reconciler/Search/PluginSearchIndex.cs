using GitOps.Reconciler.Plugins;

namespace GitOps.Reconciler.Search;

/// <summary>The search index of one plugin at one snapshot and status version: every word of its name, its sources' ids
/// and names, their labels and the names of the entities they loaded, sorted, so that a query finds its matches by binary
/// search instead of reading every name. Immutable; build a new one when the plugin or its running state changes.</summary>
public sealed class PluginSearchIndex
{
    private readonly ImmutableArray<SearchHit> _hits;
    private readonly string[] _words;
    private readonly int[] _hitOfWord;

    private PluginSearchIndex(ImmutableArray<SearchHit> hits, string[] words, int[] hitOfWord)
    {
        _hits = hits;
        _words = words;
        _hitOfWord = hitOfWord;
    }

    /// <summary>How many names the index holds (the plugin, its sources, labels and entities).</summary>
    public int Count => _hits.Length;

    /// <summary>Indexes a plugin as declared in <paramref name="plugin"/>, with the entities its running sources loaded
    /// (<paramref name="running"/>: null while the plugin is not running).</summary>
    public static PluginSearchIndex Build(PluginSnapshot plugin, RunningPlugin? running)
    {
        ArgumentNullException.ThrowIfNull(plugin);
        var hits = ImmutableArray.CreateBuilder<SearchHit>();
        var entries = new List<(string Word, int Hit)>();
        // One string per distinct word: entity names repeat words ("model", a team name) thousands of times.
        var distinct = new Dictionary<string, string>(StringComparer.Ordinal);
        void Add(SearchHit hit, params string[] texts)
        {
            foreach (var word in texts.SelectMany(SearchQuery.SplitWords).Distinct(StringComparer.Ordinal))
                entries.Add((distinct.TryAdd(word, word) ? word : distinct[word], hits.Count));
            hits.Add(hit);
        }

        Add(new SearchHit(SearchKind.Plugin, plugin.Name, null, plugin.Name), plugin.Name);
        foreach (var source in plugin.Sources)
        {
            Add(new SearchHit(SearchKind.Source, plugin.Name, source.Id, source.Name), source.Id, source.Name);
            foreach (var label in source.Labels.IsDefault ? [] : source.Labels)
                Add(new SearchHit(SearchKind.Label, plugin.Name, source.Id, label), label);
            foreach (var entity in running?.FindSource(source.Id)?.Entities ?? [])
                Add(new SearchHit(SearchKind.Entity, plugin.Name, source.Id, entity.Name), entity.Name);
        }
        entries.Sort((a, b) => string.CompareOrdinal(a.Word, b.Word) is var byWord and not 0 ? byWord : a.Hit.CompareTo(b.Hit));
        return new PluginSearchIndex(hits.ToImmutable(), [.. entries.Select(e => e.Word)], [.. entries.Select(e => e.Hit)]);
    }

    /// <summary>The names matching every word of <paramref name="query"/>, in index order (the plugin, then each source
    /// followed by its labels and entities).</summary>
    public IEnumerable<SearchHit> Find(SearchQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (query.Words.IsEmpty) return [];
        bool[]? matched = null;
        // The narrowest word first: the other words only strike hits out of its set.
        foreach (var (from, to) in query.Words.Select(Range).OrderBy(r => r.To - r.From))
        {
            if (from == to) return [];
            var inRange = new bool[_hits.Length];
            for (var i = from; i < to; i++) inRange[_hitOfWord[i]] = true;
            if (matched is null) matched = inRange;
            else for (var h = 0; h < matched.Length; h++) matched[h] &= inRange[h];
        }
        return Matches(matched!);
    }

    private IEnumerable<SearchHit> Matches(bool[] matched)
    {
        for (var h = 0; h < matched.Length; h++)
            if (matched[h]) yield return _hits[h];
    }

    /// <summary>The positions of the words starting with <paramref name="prefix"/>: [first, end).</summary>
    private (int From, int To) Range(string prefix) => (LowerBound(prefix), LowerBound(prefix + char.MaxValue));

    private int LowerBound(string value)
    {
        int low = 0, high = _words.Length;
        while (low < high)
        {
            var middle = (low + high) >>> 1;
            if (string.CompareOrdinal(_words[middle], value) < 0) low = middle + 1;
            else high = middle;
        }
        return low;
    }
}
