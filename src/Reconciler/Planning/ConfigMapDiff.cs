using System.Runtime.CompilerServices;
using GitOps.Reconciler.Kubernetes;

namespace GitOps.Reconciler.Planning;

/// <summary>The ConfigMap keys whose content would change, found by rendering both sides of a plugin with the code the
/// reconcile pass writes ConfigMaps with (<see cref="ConfigMapParts.Split"/>, so a plugin split across parts is compared part by
/// part). Pure: a plugin snapshot is immutable, so its rendering is kept beside it (<see cref="Rendered"/>) and a plugin seen
/// before (the tracked head's side of every plan, a draft planned again) is not rendered again.</summary>
internal static class ConfigMapDiff
{
    private static readonly ConditionalWeakTable<PluginSnapshot, Rendered> Renderings = new();

    /// <summary>Changed keys, by ConfigMap name then key; a side that cannot be written (a file over the ConfigMap limit) adds
    /// its error to <paramref name="errors"/> and counts as empty.</summary>
    public static ImmutableArray<ConfigMapKeyChange> Of(PluginSnapshot? before, PluginSnapshot? after, string prefix, ICollection<PlanError> errors)
    {
        var old = Render(before, prefix).Keys;
        var rendered = Render(after, prefix);
        if (rendered.Error is { } error) errors.Add(error);
        var @new = rendered.Keys;
        var changes = ImmutableArray.CreateBuilder<ConfigMapKeyChange>();
        foreach (var (name, key) in old.Keys.Union(@new.Keys).OrderBy(k => k.Name, StringComparer.Ordinal).ThenBy(k => k.Key, StringComparer.Ordinal))
        {
            var had = old.TryGetValue((name, key), out var was);
            var has = @new.TryGetValue((name, key), out var @is);
            if (had && has && Same(was!, @is!)) continue;
            changes.Add(new ConfigMapKeyChange(name, key, !had ? PlanChange.Added : !has ? PlanChange.Removed : PlanChange.Changed));
        }
        return changes.ToImmutable();
    }

    /// <summary>A <c>data</c> key (text) never equals a <c>binaryData</c> key (bytes): moving between them is a change.</summary>
    private static bool Same(object a, object b) => (a, b) switch
    {
        (string x, string y) => string.Equals(x, y, StringComparison.Ordinal),
        (byte[] x, byte[] y) => x.AsSpan().SequenceEqual(y),
        _ => false,
    };

    /// <summary>What a plugin's ConfigMaps hold: (ConfigMap name, key) → the text of a <c>data</c> key or the bytes of a
    /// <c>binaryData</c> key; <see cref="Error"/> when a file is over the ConfigMap limit (then no keys). Read-only once made.</summary>
    private sealed record Rendered(string Prefix, IReadOnlyDictionary<(string Name, string Key), object> Keys, PlanError? Error);

    private static readonly Rendered Nothing = new("", new Dictionary<(string Name, string Key), object>(), null);

    /// <summary>The plugin's rendering, made once per snapshot instance and prefix (no plugin: no keys).</summary>
    private static Rendered Render(PluginSnapshot? plugin, string prefix)
    {
        if (plugin is null) return Nothing;
        if (Renderings.TryGetValue(plugin, out var known) && known.Prefix == prefix) return known;
        var made = Make(plugin, prefix);
        Renderings.AddOrUpdate(plugin, made);
        return made;
    }

    private static Rendered Make(PluginSnapshot plugin, string prefix)
    {
        var keys = new Dictionary<(string Name, string Key), object>();
        // The commit only goes into an annotation; the keys' content does not depend on it.
        switch (ConfigMapParts.Split(plugin, "", prefix))
        {
            case ConfigMapSplit.FileTooLarge tooLarge:
                return new Rendered(prefix, keys, new PlanError($"{SnapshotBuilder.PluginsFolder}/{plugin.Name}/{tooLarge.File}", 0, 0, "",
                    $"'{tooLarge.File}' is {tooLarge.Bytes} bytes, over the ConfigMap limit of {ConfigMapManifest.MaxBytes} bytes: the plugin cannot be written to Kubernetes"));
            case ConfigMapSplit.Parts parts:
                foreach (var manifest in parts.Manifests)
                {
                    foreach (var (key, text) in manifest.Data) keys[(manifest.Name, key)] = text;
                    foreach (var (key, bytes) in manifest.BinaryData) keys[(manifest.Name, key)] = bytes;
                }
                break;
        }
        return new Rendered(prefix, keys, null);
    }
}
