using System.Collections.Immutable;

namespace GitOps.Reconciler.Configuration;

/// <summary>One entry of <c>sources.yaml</c>, as declared (schema gitops/v1).</summary>
/// <remarks><see cref="Properties"/> is a free-form mapping (see <see cref="FreeForm"/>). Property names
/// ending in <c>Path</c> (such as <c>yamlCatalogPath</c>) are references to files in the plugin folder.</remarks>
public sealed record SourceConfig(
    string Id,
    string Name,
    string Type,
    bool Enabled,
    ImmutableArray<string> Labels,
    IReadOnlyDictionary<string, object?> Properties,
    ImmutableArray<string> Include,
    ImmutableArray<string> Exclude)
{
    /// <summary>File names (relative to the plugin folder) this source refers to through <c>*Path</c> properties.</summary>
    public IEnumerable<string> ReferencedFiles =>
        Properties.Where(p => p.Key.EndsWith("Path", StringComparison.Ordinal) && p.Value is string s && s.Length > 0)
                  .Select(p => (string)p.Value!);
}
