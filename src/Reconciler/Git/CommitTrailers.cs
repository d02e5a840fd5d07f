namespace GitOps.Reconciler.Git;

/// <summary>Reads git trailers (<c>Key: value</c> lines in the last paragraph of a commit message).</summary>
internal static class CommitTrailers
{
    public static ImmutableDictionary<string, string> Parse(string message)
    {
        var paragraphs = message.ReplaceLineEndings("\n").TrimEnd('\n').Split("\n\n");
        if (paragraphs.Length < 2) return ImmutableDictionary<string, string>.Empty;
        var trailers = ImmutableDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
        foreach (var line in paragraphs[^1].Split('\n'))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0 || !IsToken(line.AsSpan(0, colon))) return ImmutableDictionary<string, string>.Empty;
            trailers[line[..colon]] = line[(colon + 1)..].Trim();
        }
        return trailers.ToImmutable();
    }

    private static bool IsToken(ReadOnlySpan<char> key)
    {
        foreach (var c in key)
            if (!char.IsAsciiLetterOrDigit(c) && c != '-') return false;
        return true;
    }
}
