namespace GitOps.Reconciler.Signing;

/// <summary>OpenSSH-style patterns: <c>*</c> any run, <c>?</c> one character, a leading <c>!</c> negates
/// (a negated match in a list wins over any positive one). Case-sensitive, as OpenSSH matches principals.</summary>
internal static class Glob
{
    public static bool MatchesList(IEnumerable<string> patterns, string value)
    {
        var matched = false;
        foreach (var pattern in patterns)
        {
            if (pattern.StartsWith('!'))
            {
                if (Matches(pattern[1..], value)) return false;
            }
            else if (Matches(pattern, value)) matched = true;
        }
        return matched;
    }

    public static bool Matches(string pattern, string value) => Match(pattern.AsSpan(), value.AsSpan());

    private static bool Match(ReadOnlySpan<char> pattern, ReadOnlySpan<char> value)
    {
        int p = 0, v = 0, star = -1, mark = 0;
        while (v < value.Length)
        {
            if (p < pattern.Length && (pattern[p] == '?' || pattern[p] == value[v]))
            {
                p++;
                v++;
            }
            else if (p < pattern.Length && pattern[p] == '*')
            {
                star = p++;
                mark = v;
            }
            else if (star >= 0)
            {
                p = star + 1;
                v = ++mark;
            }
            else return false;
        }
        while (p < pattern.Length && pattern[p] == '*') p++;
        return p == pattern.Length;
    }
}
