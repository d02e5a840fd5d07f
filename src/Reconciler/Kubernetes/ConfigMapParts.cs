using System.Globalization;
using k8s.Models;

namespace GitOps.Reconciler.Kubernetes;

/// <summary>
/// Splits a plugin whose files exceed one ConfigMap across several (issue 13): <c>{prefix}-{plugin}</c>,
/// <c>{prefix}-{plugin}-2</c>, …, each under <see cref="ConfigMapManifest.MaxBytes"/>, each with the same labels, commit and
/// plugin-hash annotations plus its part number. Files are never split: one file over the limit is refused by name.
/// A projected volume of all parts gives the consumer the plugin folder again (docs/OPERATIONS.md, examples/kubeflow-catalog).
/// </summary>
internal static class ConfigMapParts
{
    /// <summary>The parts a plugin needs, in order; <c>sources.yaml</c> is always in the first.</summary>
    public static ConfigMapSplit Split(PluginSnapshot plugin, string commit, string prefix)
    {
        var files = plugin.Files.OrderBy(f => f.Key == SnapshotBuilder.SourcesFile ? 0 : 1).ThenBy(f => f.Key, StringComparer.Ordinal).ToList();
        var bins = new List<List<KeyValuePair<string, ReadOnlyMemory<byte>>>> { new() };
        long used = 0;
        foreach (var file in files)
        {
            long size = file.Key.Length + file.Value.Length;
            if (size > ConfigMapManifest.MaxBytes) return new ConfigMapSplit.FileTooLarge(file.Key, size);
            if (used + size > ConfigMapManifest.MaxBytes && bins[^1].Count > 0)
            {
                bins.Add([]);
                used = 0;
            }
            bins[^1].Add(file);
            used += size;
        }
        if (bins.Count == 1) return new ConfigMapSplit.Parts([ConfigMapManifest.For(plugin, commit, prefix)]);
        var parts = bins.Select((bin, i) => ConfigMapManifest.Of(PartName(prefix, plugin.Name, i + 1), plugin, commit, bin) with
        {
            Index = i + 1,
            Count = bins.Count,
            DataHash = ContentHash.Of(bin),
        });
        return new ConfigMapSplit.Parts([.. parts]);
    }

    public static string PartName(string prefix, string plugin, int index) =>
        index == 1 ? ConfigMapManifest.NameFor(prefix, plugin) : $"{ConfigMapManifest.NameFor(prefix, plugin)}-{index.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>The part number <paramref name="name"/> has among <paramref name="plugin"/>'s ConfigMaps, or 0 when it is not one of them.</summary>
    public static int IndexOf(string prefix, string plugin, string name)
    {
        var first = ConfigMapManifest.NameFor(prefix, plugin);
        if (name == first) return 1;
        return name.StartsWith(first + "-", StringComparison.Ordinal)
            && int.TryParse(name.AsSpan(first.Length + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= 2
            && PartName(prefix, plugin, n) == name ? n : 0;
    }

    /// <summary>Managed ConfigMaps by plugin, each plugin's parts seen as one: its content hash covers the files of all parts,
    /// and its hash annotation counts only when every part carries it and the parts are exactly 1..N, so a missing, extra or
    /// edited part is drift.</summary>
    public static ImmutableSortedDictionary<string, ManagedConfigMap> Observe(string prefix, IEnumerable<V1ConfigMap> items)
    {
        var byPlugin = new SortedDictionary<string, List<(int Index, V1ConfigMap Map)>>(StringComparer.Ordinal);
        foreach (var item in items)
        {
            var plugin = ConfigMapManifest.ValueOf(item.Metadata.Labels, ConfigMapManifest.PluginLabel);
            if (string.IsNullOrEmpty(plugin) || IndexOf(prefix, plugin, item.Metadata.Name) is not (> 0 and var index)) continue;
            if (!byPlugin.TryGetValue(plugin, out var parts)) byPlugin[plugin] = parts = [];
            parts.Add((index, item));
        }
        var result = ImmutableSortedDictionary.CreateBuilder<string, ManagedConfigMap>(StringComparer.Ordinal);
        foreach (var (plugin, parts) in byPlugin)
        {
            var first = parts.FirstOrDefault(p => p.Index == 1).Map;
            if (first is null) continue;
            var hashes = parts.Select(p => ConfigMapManifest.ValueOf(p.Map.Metadata.Annotations, ConfigMapManifest.HashAnnotation)).Distinct().ToList();
            var count = ConfigMapManifest.PartOf(first, ConfigMapManifest.PartsAnnotation);
            var complete = parts.Count == count && parts.All(p => ConfigMapManifest.PartOf(p.Map, ConfigMapManifest.PartAnnotation) == p.Index
                && ConfigMapManifest.PartOf(p.Map, ConfigMapManifest.PartsAnnotation) == count);
            var annotated = hashes.Count == 1 && complete ? hashes[0] : null;
            result[plugin] = new ManagedConfigMap(plugin, first.Metadata.Name, annotated, ContentHashOf(parts.Select(p => p.Map)),
                ConfigMapManifest.ValueOf(first.Metadata.Annotations, ConfigMapManifest.CommitAnnotation), first.Metadata.ResourceVersion);
        }
        return result.ToImmutable();
    }

    /// <summary>The plugin hash of the files of all parts together; a file in two parts makes it match nothing.</summary>
    private static string ContentHashOf(IEnumerable<V1ConfigMap> parts)
    {
        var files = new Dictionary<string, ReadOnlyMemory<byte>>(StringComparer.Ordinal);
        foreach (var part in parts)
        {
            foreach (var (key, value) in part.Data ?? new Dictionary<string, string>())
                if (!files.TryAdd(key, System.Text.Encoding.UTF8.GetBytes(value ?? ""))) return "duplicate:" + key;
            foreach (var (key, value) in part.BinaryData ?? new Dictionary<string, byte[]>())
                if (!files.TryAdd(key, value ?? [])) return "duplicate:" + key;
        }
        return ContentHash.Of(files);
    }
}

/// <summary>How a plugin fits into ConfigMaps. A closed set.</summary>
internal abstract record ConfigMapSplit
{
    private ConfigMapSplit() { }

    public sealed record Parts(ImmutableArray<ConfigMapManifest> Manifests) : ConfigMapSplit;

    /// <summary>One file alone is over the ConfigMap limit; files are never cut, so the plugin cannot be written.</summary>
    public sealed record FileTooLarge(string File, long Bytes) : ConfigMapSplit;
}
