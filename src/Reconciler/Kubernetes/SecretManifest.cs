using GitOps.Reconciler.Secrets;
using k8s.Models;

namespace GitOps.Reconciler.Kubernetes;

/// <summary>The Secret one plugin should have: <c>{prefix}-{plugin}-secrets</c>, type Opaque, data = secret name → decrypted
/// value, the managed labels, and the commit and hash annotations (the hash is over secrets.yaml as committed, ciphertext,
/// so it says nothing about the values).</summary>
internal sealed record SecretManifest(string Plugin, string Name, string Commit, string Hash, ImmutableSortedDictionary<string, byte[]> Data)
{
    public const string Suffix = "-secrets";

    public static string NameFor(string prefix, string plugin) => $"{prefix}-{plugin}{Suffix}";

    /// <summary>The desired Secret, or the diagnostics of the values that do not decrypt (then nothing is written).</summary>
    public static (SecretManifest? Manifest, ImmutableArray<string> Failures) For(PluginSnapshot plugin, string commit, string prefix, SecretCipher cipher)
    {
        var data = ImmutableSortedDictionary.CreateBuilder<string, byte[]>(StringComparer.Ordinal);
        var failures = ImmutableArray.CreateBuilder<string>();
        foreach (var secret in plugin.Secrets.Secrets.Values)
        {
            switch (cipher.Decrypt(plugin.Name, secret.Name, secret.Value))
            {
                case SecretDecryption.Decrypted d: data[secret.Name] = System.Text.Encoding.UTF8.GetBytes(d.Value); break;
                case SecretDecryption.Failed f:
                    failures.Add($"{SnapshotBuilder.PluginsFolder}/{plugin.Name}/{SecretsFile.FileName}: {SecretsFile.FieldPath(secret.Name)} (key id '{f.KeyId ?? secret.KeyId ?? "age"}'): {f.Reason}");
                    break;
            }
        }
        if (failures.Count > 0) return (null, failures.ToImmutable());
        var hash = ContentHash.Of([KeyValuePair.Create(SecretsFile.FileName, plugin.Files.GetValueOrDefault(SecretsFile.FileName))]);
        return (new SecretManifest(plugin.Name, NameFor(prefix, plugin.Name), commit, hash, data.ToImmutable()), []);
    }

    public V1Secret ToSecret(string ns, string? resourceVersion = null) => new()
    {
        ApiVersion = "v1",
        Kind = "Secret",
        Type = "Opaque",
        Metadata = new V1ObjectMeta
        {
            Name = Name,
            NamespaceProperty = ns,
            ResourceVersion = resourceVersion,
            Labels = new Dictionary<string, string> { [ConfigMapManifest.ManagedByLabel] = ConfigMapManifest.ManagedByValue, [ConfigMapManifest.PluginLabel] = Plugin },
            Annotations = new Dictionary<string, string> { [ConfigMapManifest.CommitAnnotation] = Commit, [ConfigMapManifest.HashAnnotation] = Hash },
        },
        Data = Data.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal),
    };

    /// <summary>What differs in <paramref name="existing"/>: data (keys or bytes), the hash annotation, or the labels.</summary>
    public ConfigMapDrift Compare(V1Secret existing)
    {
        var drift = ConfigMapDrift.None;
        var actual = existing.Data ?? new Dictionary<string, byte[]>();
        if (actual.Count != Data.Count || Data.Any(p => !actual.TryGetValue(p.Key, out var bytes) || !bytes.AsSpan().SequenceEqual(p.Value)))
            drift |= ConfigMapDrift.Data;
        if (ConfigMapManifest.ValueOf(existing.Metadata.Annotations, ConfigMapManifest.HashAnnotation) != Hash) drift |= ConfigMapDrift.HashAnnotation;
        if (ConfigMapManifest.ValueOf(existing.Metadata.Labels, ConfigMapManifest.ManagedByLabel) != ConfigMapManifest.ManagedByValue
            || ConfigMapManifest.ValueOf(existing.Metadata.Labels, ConfigMapManifest.PluginLabel) != Plugin)
            drift |= ConfigMapDrift.Labels;
        return drift;
    }

    /// <summary>Redacted: the generated ToString would print the data.</summary>
    public override string ToString() => $"SecretManifest({Name}, {Data.Count} keys, hash {Hash})";
}
