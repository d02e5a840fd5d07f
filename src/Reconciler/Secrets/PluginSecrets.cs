namespace GitOps.Reconciler.Secrets;

/// <summary>The snapshot builder's step for secrets: reads the plugin's secrets.yaml (when there is one) and checks that
/// every <c>${secret:…}</c> reference names a value in it. Structure only; nothing is decrypted here.</summary>
internal static class PluginSecrets
{
    public static SecretsDocument Read(string folder, SourcesDocument document, IReadOnlyDictionary<string, ReadOnlyMemory<byte>> files,
        YamlLimits limits, ImmutableArray<ValidationError>.Builder errors)
    {
        var secrets = SecretsDocument.Empty;
        if (files.TryGetValue(SecretsFile.FileName, out var content))
        {
            switch (SecretsFile.Parse($"{folder}/{SecretsFile.FileName}", content, limits))
            {
                case SecretsParse.Parsed parsed: secrets = parsed.Document; break;
                case SecretsParse.Failed failed: errors.AddRange(failed.Errors); return secrets;
            }
        }
        errors.AddRange(SecretReferences.Validate(folder, document, secrets));
        return secrets;
    }
}
