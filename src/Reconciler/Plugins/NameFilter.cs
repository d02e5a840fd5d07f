using System.Collections.Immutable;

namespace GitOps.Reconciler.Plugins;

/// <summary>A source's include/exclude glob patterns on entity names (DESIGN §2): <c>*</c> matches any run of
/// characters, everything else matches itself (ordinal). No include pattern means "all"; exclude wins.</summary>
public sealed class NameFilter(ImmutableArray<string> include, ImmutableArray<string> exclude)
{
    public bool IsEmpty => include.IsDefaultOrEmpty && exclude.IsDefaultOrEmpty;

    public bool Matches(string name)
    {
        if (!exclude.IsDefaultOrEmpty && exclude.Any(p => Glob(p, name))) return false;
        return include.IsDefaultOrEmpty || include.Any(p => Glob(p, name));
    }

    /// <summary>Wildcard match with single-point backtracking: linear in practice, O(n·m) at worst, no regex.</summary>
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
            else if (p < pattern.Length && pattern[p] == text[t])
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
}
