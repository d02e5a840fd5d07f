using GitOps.Reconciler.Kubernetes;

namespace GitOps.Reconciler.Planning;

/// <summary>The ConfigMap keys whose content would change, found by rendering both sides of a plugin with the code the
/// reconcile pass writes ConfigMaps with (<see cref="ConfigMapParts.Split"/>, so a plugin split across parts is compared part by
/// part). Pure.</summary>
internal static class ConfigMapDiff
{
    /// <summary>Changed keys, by ConfigMap name then key; a side that cannot be written (a file over the ConfigMap limit) adds
    /// its error to <paramref name="errors"/> and counts as empty.</summary>
    public static ImmutableArray<ConfigMapKeyChange> Of(PluginSnapshot? before, PluginSnapshot? after, string prefix, ICollection<PlanError> errors)
    {
        var old = Render(before, prefix, null);
        var @new = Render(after, prefix, errors);
        var changes = ImmutableArray.CreateBuilder<ConfigMapKeyChange>();
        foreach (var (name, key) in old.Keys.Union(@new.Keys).OrderBy(k => k.Name, StringComparer.Ordinal).ThenBy(k => k.Key, StringComparer.Ordinal))
        {
            var had = old.TryGetValue((name, key), out var was);
            var has = @new.TryGetValue((name, key), out var @is);
            if (had && has && was.Span.SequenceEqual(@is.Span)) continue;
            changes.Add(new ConfigMapKeyChange(name, key, !had ? PlanChange.Added : !has ? PlanChange.Removed : PlanChange.Changed));
        }
        return changes.ToImmutable();
    }

    /// <summary>(ConfigMap name, key) → the bytes the key holds (UTF-8 text for <c>data</c>, raw for <c>binaryData</c>).</summary>
    private static Dictionary<(string Name, string Key), ReadOnlyMemory<byte>> Render(PluginSnapshot? plugin, string prefix, ICollection<PlanError>? errors)
    {
        var keys = new Dictionary<(string Name, string Key), ReadOnlyMemory<byte>>();
        if (plugin is null) return keys;
        // The commit only goes into an annotation; the keys' content does not depend on it.
        switch (ConfigMapParts.Split(plugin, "", prefix))
        {
            case ConfigMapSplit.FileTooLarge tooLarge:
                errors?.Add(new PlanError($"{SnapshotBuilder.PluginsFolder}/{plugin.Name}/{tooLarge.File}", 0, 0, "",
                    $"'{tooLarge.File}' is {tooLarge.Bytes} bytes, over the ConfigMap limit of {ConfigMapManifest.MaxBytes} bytes: the plugin cannot be written to Kubernetes"));
                break;
            case ConfigMapSplit.Parts parts:
                foreach (var manifest in parts.Manifests)
                {
                    foreach (var (key, text) in manifest.Data) keys[(manifest.Name, key)] = Encoding.UTF8.GetBytes(text);
                    foreach (var (key, bytes) in manifest.BinaryData) keys[(manifest.Name, key)] = bytes;
                }
                break;
        }
        return keys;
    }
}
