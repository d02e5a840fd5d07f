using System.Text.Json;

namespace GitOps.Reconciler.Configuration;

/// <summary>Writes a <see cref="SourcesDocument"/> back to sources.yaml (gitops/v1) and gives sources a canonical form for hashing.</summary>
public static class SourcesYamlWriter
{
    private static readonly JsonSerializerOptions Canonical = new() { WriteIndented = false };

    /// <summary>A canonical byte form of one source entry (stable across formatting changes of the YAML).</summary>
    public static byte[] CanonicalJson(SourceConfig source) => JsonSerializer.SerializeToUtf8Bytes(new
    {
        source.Id, source.Name, source.Type, source.Enabled, Labels = source.Labels.ToArray(),
        Properties = new SortedDictionary<string, object?>(source.Properties.ToDictionary(), StringComparer.Ordinal),
        Include = source.Include.ToArray(), Exclude = source.Exclude.ToArray(),
    }, Canonical);
}
