using GitOps.Reconciler.Secrets;
using GitOps.WebhookApi.Plugins;

namespace GitOps.WebhookApi.Secrets;

/// <summary>Pure edits of secrets.yaml files: snapshot in, ciphertext out. Plain text never reaches a file.</summary>
internal static class SecretEdits
{
    /// <summary>Sets one value, already encrypted for (plugin, name).</summary>
    public static EditResult Set(ConfigSnapshot snapshot, string plugin, StoredSecret secret) =>
        snapshot.FindPlugin(plugin) is not { } existing
            ? PluginEdits.NotFound(plugin)
            : Write(plugin, existing.Secrets.Secrets.SetItem(secret.Name, secret));

    public static EditResult Delete(ConfigSnapshot snapshot, string plugin, string name)
    {
        if (snapshot.FindPlugin(plugin) is not { } existing) return PluginEdits.NotFound(plugin);
        if (existing.Secrets.Find(name) is null) return new EditResult.Refused(RejectionKind.NotFound, $"secret '{name}' does not exist in plugin '{plugin}'");
        var rest = existing.Secrets.Secrets.Remove(name);
        return rest.IsEmpty ? PluginEdits.Files((PluginEdits.FilePath(plugin, SecretsFile.FileName), null)) : Write(plugin, rest);
    }

    /// <summary>Re-encrypts every value not yet under the newest key (age values included, which become envelopes bound
    /// to their field) in one change across all plugins. Refused, writing nothing, when any value does not decrypt.</summary>
    public static EditResult Rotate(ConfigSnapshot snapshot, SecretCipher cipher)
    {
        var newest = cipher.Ring.Newest.Id;
        var changes = new List<(string, byte[]?)>();
        var failures = new List<string>();
        foreach (var plugin in snapshot.Plugins.Values)
        {
            var secrets = plugin.Secrets.Secrets;
            var rewritten = secrets;
            foreach (var secret in secrets.Values.Where(s => s.Format == SecretFormat.Age || s.KeyId != newest))
            {
                switch (cipher.Decrypt(plugin.Name, secret.Name, secret.Value))
                {
                    case SecretDecryption.Decrypted d:
                        rewritten = rewritten.SetItem(secret.Name, Envelope(cipher, plugin.Name, secret.Name, d.Value));
                        break;
                    case SecretDecryption.Failed f:
                        failures.Add($"{PluginEdits.FilePath(plugin.Name, SecretsFile.FileName)}: {SecretsFile.FieldPath(secret.Name)} (key id '{f.KeyId ?? secret.KeyId ?? "age"}'): {f.Reason}");
                        break;
                }
            }
            if (!ReferenceEquals(rewritten, secrets))
                changes.Add((PluginEdits.FilePath(plugin.Name, SecretsFile.FileName), SecretsFile.Write(new SecretsDocument(rewritten))));
        }
        if (failures.Count > 0)
            return new EditResult.Refused(RejectionKind.Conflict, $"nothing was rotated: {failures.Count} value(s) cannot be decrypted with the key ring: {string.Join("; ", failures)}");
        return PluginEdits.Files([.. changes]);
    }

    public static StoredSecret Envelope(SecretCipher cipher, string plugin, string name, string plaintext) =>
        new(name, cipher.Encrypt(plugin, name, plaintext), SecretFormat.Envelope, cipher.Ring.Newest.Id, 0);

    private static EditResult Write(string plugin, System.Collections.Immutable.ImmutableSortedDictionary<string, StoredSecret> secrets) =>
        PluginEdits.Files((PluginEdits.FilePath(plugin, SecretsFile.FileName), SecretsFile.Write(new SecretsDocument(secrets))));
}
