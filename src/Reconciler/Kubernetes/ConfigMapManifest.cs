using System.Text.Json.Nodes;
using k8s.Models;

namespace GitOps.Reconciler.Kubernetes;

/// <summary>
/// The ConfigMap a plugin should have (DESIGN §6): named <c>{prefix}-{plugin}</c>, data = the plugin folder's files
/// verbatim (UTF-8 text in <c>data</c>, anything else in <c>binaryData</c>), our labels and the commit/hash annotations.
/// Pure: compares with what the API server has and builds the merge patch that restores it.
/// </summary>
internal sealed record ConfigMapManifest(
    string Name,
    string Plugin,
    string Hash,
    string Commit,
    ImmutableSortedDictionary<string, string> Data,
    ImmutableSortedDictionary<string, byte[]> BinaryData,
    long Size)
{
    public const string ManagedByLabel = "app.kubernetes.io/managed-by";
    public const string ManagedByValue = "gitops-reconciler";
    public const string PluginLabel = "gitops.reconciler/plugin";
    public const string CommitAnnotation = "gitops.reconciler/commit";
    public const string HashAnnotation = "gitops.reconciler/hash";

    /// <summary>Which part of the plugin this ConfigMap is (1-based), and how many there are: a plugin larger than one
    /// ConfigMap is split across <c>{prefix}-{plugin}</c>, <c>{prefix}-{plugin}-2</c>, … (see <see cref="ConfigMapParts"/>).</summary>
    public const string PartAnnotation = "gitops.reconciler/part";
    public const string PartsAnnotation = "gitops.reconciler/parts";
    public const string ManagedSelector = ManagedByLabel + "=" + ManagedByValue;

    /// <summary>The API server's limit on a ConfigMap's data plus binaryData, keys included.</summary>
    public const long MaxBytes = 1024 * 1024;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public bool IsTooLarge => Size > MaxBytes;

    /// <summary>This part's place among the plugin's ConfigMaps (1-based) and their number.</summary>
    public int Index { get; init; } = 1;

    public int Count { get; init; } = 1;

    /// <summary>The content hash of the files in this part: the plugin hash when there is one part.</summary>
    public string DataHash { get; init; } = Hash;

    public static string NameFor(string prefix, string plugin) => $"{prefix}-{plugin}";

    public static ConfigMapManifest For(PluginSnapshot plugin, string commit, string prefix) =>
        Of(NameFor(prefix, plugin.Name), plugin, commit, plugin.Files);

    /// <summary>A ConfigMap named <paramref name="name"/> holding <paramref name="files"/> of <paramref name="plugin"/>.</summary>
    public static ConfigMapManifest Of(string name, PluginSnapshot plugin, string commit, IEnumerable<KeyValuePair<string, ReadOnlyMemory<byte>>> files)
    {
        var data = ImmutableSortedDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
        var binary = ImmutableSortedDictionary.CreateBuilder<string, byte[]>(StringComparer.Ordinal);
        long size = 0;
        foreach (var (file, content) in files)
        {
            size += file.Length + content.Length;
            try
            {
                data[file] = StrictUtf8.GetString(content.Span);
            }
            catch (DecoderFallbackException)
            {
                binary[file] = content.ToArray();
            }
        }
        return new ConfigMapManifest(name, plugin.Name, plugin.Hash, commit, data.ToImmutable(), binary.ToImmutable(), size);
    }

    public V1ConfigMap ToConfigMap(string ns) => new()
    {
        ApiVersion = "v1",
        Kind = "ConfigMap",
        Metadata = new V1ObjectMeta
        {
            Name = Name,
            NamespaceProperty = ns,
            Labels = new Dictionary<string, string> { [ManagedByLabel] = ManagedByValue, [PluginLabel] = Plugin },
            Annotations = new Dictionary<string, string>
            {
                [CommitAnnotation] = Commit, [HashAnnotation] = Hash,
                [PartAnnotation] = Text(Index), [PartsAnnotation] = Text(Count),
            },
        },
        Data = Data.Count == 0 ? null : new Dictionary<string, string>(Data),
        BinaryData = BinaryData.Count == 0 ? null : new Dictionary<string, byte[]>(BinaryData),
    };

    /// <summary>What differs between <paramref name="existing"/> and this manifest; a different commit alone is no drift.</summary>
    public ConfigMapDrift Compare(V1ConfigMap existing)
    {
        var drift = ConfigMapDrift.None;
        if (ContentHashOf(existing) != DataHash || !SameKeys(existing)) drift |= ConfigMapDrift.Data;
        if (ValueOf(existing.Metadata.Annotations, HashAnnotation) != Hash
            || PartOf(existing, PartAnnotation) != Index || PartOf(existing, PartsAnnotation) != Count)
            drift |= ConfigMapDrift.HashAnnotation;
        if (ValueOf(existing.Metadata.Labels, ManagedByLabel) != ManagedByValue
            || ValueOf(existing.Metadata.Labels, PluginLabel) != Plugin)
            drift |= ConfigMapDrift.Labels;
        return drift;
    }

    /// <summary>
    /// An RFC 7386 merge patch from <paramref name="existing"/> to this manifest, with its resourceVersion as a
    /// precondition. Keys we do not own (other labels and annotations) are left alone; extra data keys are removed.
    /// </summary>
    public string MergePatch(V1ConfigMap existing)
    {
        var data = new JsonObject();
        foreach (var key in existing.Data?.Keys ?? []) data[key] = null;
        foreach (var (key, value) in Data) data[key] = value;
        var binary = new JsonObject();
        foreach (var key in existing.BinaryData?.Keys ?? []) binary[key] = null;
        foreach (var (key, value) in BinaryData) binary[key] = Convert.ToBase64String(value);
        var patch = new JsonObject
        {
            ["metadata"] = new JsonObject
            {
                ["resourceVersion"] = existing.Metadata.ResourceVersion,
                ["labels"] = new JsonObject { [ManagedByLabel] = ManagedByValue, [PluginLabel] = Plugin },
                ["annotations"] = new JsonObject
                {
                    [CommitAnnotation] = Commit, [HashAnnotation] = Hash,
                    [PartAnnotation] = Text(Index), [PartsAnnotation] = Text(Count),
                },
            },
            ["data"] = data,
        };
        if (binary.Count > 0) patch["binaryData"] = binary;
        return patch.ToJsonString();
    }

    /// <summary>The plugin hash of a ConfigMap's actual content (data as UTF-8 plus binaryData), comparable with <see cref="PluginSnapshot.Hash"/>.</summary>
    public static string ContentHashOf(V1ConfigMap configMap)
    {
        var files = new List<KeyValuePair<string, ReadOnlyMemory<byte>>>();
        foreach (var (key, value) in configMap.Data ?? new Dictionary<string, string>())
            files.Add(KeyValuePair.Create(key, (ReadOnlyMemory<byte>)Encoding.UTF8.GetBytes(value ?? "")));
        foreach (var (key, value) in configMap.BinaryData ?? new Dictionary<string, byte[]>())
            files.Add(KeyValuePair.Create(key, (ReadOnlyMemory<byte>)(value ?? [])));
        return ContentHash.Of(files);
    }

    /// <summary>The managed view of a listed ConfigMap; null when it lacks our plugin label.</summary>
    public static ManagedConfigMap? Observe(V1ConfigMap configMap)
    {
        var plugin = ValueOf(configMap.Metadata.Labels, PluginLabel);
        if (string.IsNullOrEmpty(plugin)) return null;
        var annotations = configMap.Metadata.Annotations;
        return new ManagedConfigMap(plugin, configMap.Metadata.Name, ValueOf(annotations, HashAnnotation),
            ContentHashOf(configMap), ValueOf(annotations, CommitAnnotation), configMap.Metadata.ResourceVersion);
    }

    /// <summary>A part annotation's number; a ConfigMap written before parts existed is part 1 of 1.</summary>
    public static int PartOf(V1ConfigMap configMap, string annotation) =>
        int.TryParse(ValueOf(configMap.Metadata.Annotations, annotation), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) ? n
        : ValueOf(configMap.Metadata.Annotations, annotation) is null ? 1 : 0;

    private static string Text(int n) => n.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>A label's or annotation's value, null when absent.</summary>
    public static string? ValueOf(IDictionary<string, string>? map, string key) =>
        map is not null && map.TryGetValue(key, out var value) ? value : null;

    /// <summary>A text file must live in <c>data</c> and a binary one in <c>binaryData</c>, even when the bytes agree.</summary>
    private bool SameKeys(V1ConfigMap existing) =>
        (existing.Data?.Keys ?? []).Order(StringComparer.Ordinal).SequenceEqual(Data.Keys)
        && (existing.BinaryData?.Keys ?? []).Order(StringComparer.Ordinal).SequenceEqual(BinaryData.Keys);
}
