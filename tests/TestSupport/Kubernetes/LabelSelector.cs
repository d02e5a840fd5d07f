using System.Text.Json.Nodes;

namespace GitOps.TestSupport.Kubernetes;

/// <summary>
/// A parsed <c>labelSelector</c>: comma-separated requirements <c>k=v</c>, <c>k==v</c>, <c>k!=v</c>, <c>k</c>, <c>!k</c>,
/// <c>k in (a,b)</c>, <c>k notin (a,b)</c>. All requirements must hold.
/// </summary>
public sealed class LabelSelector
{
    private readonly IReadOnlyList<Func<IReadOnlyDictionary<string, string>, bool>> requirements;

    private LabelSelector(IReadOnlyList<Func<IReadOnlyDictionary<string, string>, bool>> requirements) => this.requirements = requirements;

    public static LabelSelector Everything { get; } = new([]);

    /// <summary>Parses a selector; null with an error message when it is malformed (the API server answers 400).</summary>
    public static LabelSelector? Parse(string? text, out string? error)
    {
        error = null;
        if (string.IsNullOrWhiteSpace(text)) return Everything;
        var result = new List<Func<IReadOnlyDictionary<string, string>, bool>>();
        foreach (var raw in SplitTopLevel(text))
        {
            var part = raw.Trim();
            var requirement = ParseRequirement(part);
            if (requirement is null)
            {
                error = $"unable to parse requirement: found '{part}', expected: valid label selector requirement";
                return null;
            }
            result.Add(requirement);
        }
        return new LabelSelector(result);
    }

    public bool Matches(JsonObject obj)
    {
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        if (obj["metadata"]?["labels"] is JsonObject map)
            foreach (var (key, value) in map)
                if (value is not null) labels[key] = value.GetValue<string>();
        return requirements.All(r => r(labels));
    }

    private static Func<IReadOnlyDictionary<string, string>, bool>? ParseRequirement(string part)
    {
        if (part.Length == 0) return null;
        var notIn = part.IndexOf(" notin ", StringComparison.Ordinal);
        if (notIn > 0) return SetRequirement(part[..notIn].Trim(), part[(notIn + 7)..], negate: true);
        var isIn = part.IndexOf(" in ", StringComparison.Ordinal);
        if (isIn > 0) return SetRequirement(part[..isIn].Trim(), part[(isIn + 4)..], negate: false);
        var ne = part.IndexOf("!=", StringComparison.Ordinal);
        if (ne > 0) return Keyed(part[..ne], part[(ne + 2)..], (labels, k, v) => !labels.TryGetValue(k, out var x) || x != v);
        var eq = part.IndexOf('=');
        if (eq > 0)
        {
            var value = part[(eq + 1)..];
            if (value.StartsWith('=')) value = value[1..];
            return Keyed(part[..eq], value, (labels, k, v) => labels.TryGetValue(k, out var x) && x == v);
        }
        if (part.StartsWith('!'))
        {
            var key = part[1..].Trim();
            return IsKey(key) ? labels => !labels.ContainsKey(key) : null;
        }
        return IsKey(part) ? labels => labels.ContainsKey(part) : null;
    }

    private static Func<IReadOnlyDictionary<string, string>, bool>? Keyed(
        string key, string value, Func<IReadOnlyDictionary<string, string>, string, string, bool> test)
    {
        key = key.Trim();
        value = value.Trim();
        if (!IsKey(key) || value.Contains(' ', StringComparison.Ordinal)) return null;
        return labels => test(labels, key, value);
    }

    private static Func<IReadOnlyDictionary<string, string>, bool>? SetRequirement(string key, string values, bool negate)
    {
        values = values.Trim();
        if (!IsKey(key) || !values.StartsWith('(') || !values.EndsWith(')')) return null;
        var set = values[1..^1].Split(',').Select(v => v.Trim()).ToHashSet(StringComparer.Ordinal);
        return negate
            ? labels => !labels.TryGetValue(key, out var x) || !set.Contains(x)
            : labels => labels.TryGetValue(key, out var x) && set.Contains(x);
    }

    private static bool IsKey(string key) =>
        key.Length is > 0 and <= 317 && key.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '/');

    /// <summary>Splits on commas that are not inside the parentheses of a set requirement.</summary>
    private static IEnumerable<string> SplitTopLevel(string text)
    {
        var depth = 0;
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '(') depth++;
            else if (text[i] == ')') depth--;
            else if (text[i] == ',' && depth == 0)
            {
                yield return text[start..i];
                start = i + 1;
            }
        }
        yield return text[start..];
    }
}
