namespace GitOps.Reconciler.Plugins;

/// <summary>A source's include/exclude patterns on entity names, with Kubeflow's rules in both dialects: each pattern is
/// trimmed, matched case-insensitively against the whole name, <c>*</c> is the only wildcard (any run of characters);
/// no include pattern means "all"; exclude wins. Blank patterns never get here: the parser refuses them.</summary>
internal sealed class NameFilter(ImmutableArray<string> include, ImmutableArray<string> exclude)
{
    private readonly string[] _include = Trimmed(include);
    private readonly string[] _exclude = Trimmed(exclude);

    public bool IsEmpty => _include.Length == 0 && _exclude.Length == 0;

    /// <summary>The filter a source applies: its own lists, plus, for a Kubeflow model source, the legacy
    /// <c>properties.excludedModels</c> merged into the excludes (Kubeflow's yaml provider does the same).</summary>
    public static NameFilter For(SourceConfig source)
    {
        var exclude = source.Exclude.IsDefault ? [] : source.Exclude;
        if (source.Section is { } section && section != KubeflowFormat.McpSection
            && source.Properties.GetValueOrDefault(KubeflowFormat.ExcludedModels) is IReadOnlyList<object?> legacy)
            exclude = exclude.AddRange(legacy.OfType<string>());
        return new NameFilter(source.Include, exclude);
    }

    public bool Matches(string name)
    {
        foreach (var pattern in _exclude)
            if (Glob(pattern, name)) return false;
        if (_include.Length == 0) return true;
        foreach (var pattern in _include)
            if (Glob(pattern, name)) return true;
        return false;
    }

    /// <summary>Anchored, case-insensitive wildcard match with single-point backtracking: O(n·m) at worst, no regex.</summary>
    public static bool Glob(ReadOnlySpan<char> pattern, ReadOnlySpan<char> text)
    {
        int p = 0, t = 0, star = -1, mark = 0;
        while (t < text.Length)
        {
            if (p < pattern.Length && pattern[p] == '*')
            {
                star = p++;
                mark = t;
            }
            else if (p < pattern.Length && Same(pattern[p], text[t]))
            {
                p++;
                t++;
            }
            else if (star >= 0)
            {
                p = star + 1;
                t = ++mark;
            }
            else
            {
                return false;
            }
        }
        while (p < pattern.Length && pattern[p] == '*') p++;
        return p == pattern.Length;
    }

    private static bool Same(char a, char b) => a == b || char.ToUpperInvariant(a) == char.ToUpperInvariant(b);

    private static string[] Trimmed(ImmutableArray<string> patterns) =>
        patterns.IsDefaultOrEmpty ? [] : [.. patterns.Select(p => p.Trim()).Where(p => p.Length > 0)];
}
