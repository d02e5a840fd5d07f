using System.Text;
using System.Text.Json;
using YamlDotNet.Serialization;

namespace GitOps.Reconciler.Configuration;

/// <summary>Writes a <see cref="SourcesDocument"/> back to sources.yaml (gitops/v1) and gives sources a canonical form for hashing.</summary>
public static class SourcesYamlWriter
{
    private static readonly JsonSerializerOptions Canonical = new() { WriteIndented = false };

    private static readonly ISerializer Yaml = new SerializerBuilder().DisableAliases().Build();

    /// <summary>Writes the document as gitops/v1 YAML (UTF-8). Optional fields are written only when set.</summary>
    public static byte[] Write(SourcesDocument document)
    {
        var root = new OrderedDictionary<string, object?>
        {
            ["apiVersion"] = SourcesDocument.CurrentApiVersion,
            ["plugin"] = document.Plugin,
        };
        if (document.Config.Count > 0) root["config"] = document.Config;
        root["sources"] = document.Sources.Select(Entry).ToList();
        return Encoding.UTF8.GetBytes(Yaml.Serialize(root));
    }

    private static OrderedDictionary<string, object?> Entry(SourceConfig source)
    {
        var entry = new OrderedDictionary<string, object?>
        {
            ["id"] = source.Id,
            ["name"] = source.Name,
            ["type"] = source.Type,
            ["enabled"] = source.Enabled,
        };
        if (source.Labels.Length > 0) entry["labels"] = source.Labels.ToArray();
        if (source.Properties.Count > 0) entry["properties"] = source.Properties;
        if (source.Include.Length > 0) entry["include"] = source.Include.ToArray();
        if (source.Exclude.Length > 0) entry["exclude"] = source.Exclude.ToArray();
        return entry;
    }

    /// <summary>A canonical byte form of one source entry (stable across formatting changes of the YAML).</summary>
    public static byte[] CanonicalJson(SourceConfig source) => JsonSerializer.SerializeToUtf8Bytes(new
    {
        source.Id, source.Name, source.Type, source.Enabled, Labels = source.Labels.ToArray(),
        Properties = new SortedDictionary<string, object?>(source.Properties.ToDictionary(), StringComparer.Ordinal),
        Include = source.Include.ToArray(), Exclude = source.Exclude.ToArray(),
    }, Canonical);
}
