using System.Text.Json.Nodes;

namespace GitOps.TestSupport.Kubernetes;

/// <summary>A parsed <c>fieldSelector</c> over <c>metadata.name</c> and <c>metadata.namespace</c> (<c>=</c>, <c>==</c>, <c>!=</c>).</summary>
public sealed class FieldSelector
{
    private readonly IReadOnlyList<(string Field, string Value, bool Equal)> terms;

    private FieldSelector(IReadOnlyList<(string, string, bool)> terms) => this.terms = terms;

    public static FieldSelector Everything { get; } = new([]);

    public static FieldSelector? Parse(string? text, out string? error)
    {
        error = null;
        if (string.IsNullOrWhiteSpace(text)) return Everything;
        var result = new List<(string, string, bool)>();
        foreach (var part in text.Split(',', StringSplitOptions.TrimEntries))
        {
            var ne = part.IndexOf("!=", StringComparison.Ordinal);
            var eq = part.IndexOf('=');
            var (field, value, equal) = ne > 0
                ? (part[..ne], part[(ne + 2)..], false)
                : eq > 0 ? (part[..eq], part[(eq + 1)..].TrimStart('='), true) : ("", "", false);
            if (field is not ("metadata.name" or "metadata.namespace"))
            {
                error = $"\"{part}\" is not a known field selector: only \"metadata.name\", \"metadata.namespace\"";
                return null;
            }
            result.Add((field, value, equal));
        }
        return new FieldSelector(result);
    }

    public bool Matches(JsonObject obj) => terms.All(t =>
    {
        var actual = obj["metadata"]?[t.Field["metadata.".Length..]]?.GetValue<string>() ?? "";
        return (actual == t.Value) == t.Equal;
    });
}
