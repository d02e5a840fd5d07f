namespace GitOps.Reconciler.Search;

/// <summary>A search: the words of the query text, lower-cased. A name matches when every query word is the start of
/// one of the name's words (words are runs of letters and digits: <c>org_ai-models</c> has <c>org</c>, <c>ai</c>, <c>models</c>).</summary>
public sealed record SearchQuery(ImmutableArray<string> Words)
{
    public const int MaxLength = 200;

    /// <summary>The query for <paramref name="text"/>; it has no words when the text has no letters or digits.</summary>
    public static SearchQuery Parse(string text) => new([.. SplitWords(text).Distinct(StringComparer.Ordinal)]);

    /// <summary>The words of a name or query: maximal runs of letters and digits, lower-cased (invariant culture).</summary>
    public static IEnumerable<string> SplitWords(string text)
    {
        var start = -1;
        for (var i = 0; i <= text.Length; i++)
        {
            var inWord = i < text.Length && char.IsLetterOrDigit(text[i]);
            if (inWord && start < 0) start = i;
            else if (!inWord && start >= 0)
            {
                yield return text[start..i].ToLowerInvariant();
                start = -1;
            }
        }
    }
}
