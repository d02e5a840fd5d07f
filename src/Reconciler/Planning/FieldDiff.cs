using System.Text.Json.Nodes;

namespace GitOps.Reconciler.Planning;

/// <summary>Field-by-field differences of two canonical JSON documents (a source entry, a <c>config:</c> block): mappings are
/// walked key by key, anything else (scalars, lists) is compared whole. Pure.</summary>
internal static class FieldDiff
{
    /// <summary>The changed fields of a source entry (<c>name</c>, <c>enabled</c>, <c>properties.yamlCatalogPath</c>, …).</summary>
    public static ImmutableArray<FieldChange> Of(SourceConfig before, SourceConfig after) =>
        Compare(JsonNode.Parse(CanonicalSource.Json(before)), JsonNode.Parse(CanonicalSource.Json(after)), "");

    /// <summary>The changed fields of a plugin's free-form <c>config:</c> block, under the path <c>config</c>.</summary>
    public static ImmutableArray<FieldChange> OfConfig(IReadOnlyDictionary<string, object?> before, IReadOnlyDictionary<string, object?> after) =>
        Compare(JsonNode.Parse(CanonicalSource.ValueJson(before)), JsonNode.Parse(CanonicalSource.ValueJson(after)), "config");

    public static ImmutableArray<FieldChange> Compare(JsonNode? before, JsonNode? after, string path)
    {
        var changes = ImmutableArray.CreateBuilder<FieldChange>();
        Walk(before, after, path, changes);
        return changes.ToImmutable();
    }

    private static void Walk(JsonNode? before, JsonNode? after, string path, ImmutableArray<FieldChange>.Builder changes)
    {
        if (before is JsonObject a && after is JsonObject b)
        {
            // Canonical JSON sorts keys, so the union in ordinal order is the order a reader expects.
            foreach (var key in a.Select(p => p.Key).Union(b.Select(p => p.Key), StringComparer.Ordinal).Order(StringComparer.Ordinal))
                Walk(a[key], b[key], path.Length == 0 ? key : $"{path}.{key}", changes);
            return;
        }
        if (!JsonNode.DeepEquals(before, after)) changes.Add(new FieldChange(path, before?.DeepClone(), after?.DeepClone()));
    }
}
