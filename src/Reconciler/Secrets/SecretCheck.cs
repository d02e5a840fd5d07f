namespace GitOps.Reconciler.Secrets;

/// <summary>Checks that every stored value of a snapshot decrypts with the key ring (pull-request validation). Decrypted
/// values are dropped at once; errors name the file, line, field and key id, never a value.</summary>
internal static class SecretCheck
{
    public static ImmutableArray<ValidationError> Verify(ConfigSnapshot snapshot, SecretCipher cipher)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(cipher);
        var errors = ImmutableArray.CreateBuilder<ValidationError>();
        foreach (var plugin in snapshot.Plugins.Values)
            foreach (var secret in plugin.Secrets.Secrets.Values)
                if (cipher.Decrypt(plugin.Name, secret.Name, secret.Value) is SecretDecryption.Failed failed)
                    errors.Add(new ValidationError($"{SnapshotBuilder.PluginsFolder}/{plugin.Name}/{SecretsFile.FileName}", secret.Line, 0,
                        SecretsFile.FieldPath(secret.Name), $"does not decrypt (key id '{failed.KeyId ?? secret.KeyId ?? "age"}'): {failed.Reason}"));
        return errors.ToImmutable();
    }
}
