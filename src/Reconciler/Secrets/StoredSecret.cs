namespace GitOps.Reconciler.Secrets;

/// <summary>How a stored value is encrypted.</summary>
public enum SecretFormat
{
    /// <summary>An <c>ENC[AES256_GCM,…]</c> envelope under a key of the ring.</summary>
    Envelope,

    /// <summary>An armored age file addressed to the service's public recipient.</summary>
    Age,
}

/// <summary>One value of a plugin's secrets.yaml, as committed (ciphertext only).</summary>
/// <param name="KeyId">The envelope's <c>kid</c>; null for age values, whose key is only known once decrypted.</param>
public sealed record StoredSecret(string Name, string Value, SecretFormat Format, string? KeyId, int Line)
{
    public override string ToString() => $"StoredSecret({Name}, {Format}, kid {KeyId ?? "-"})";
}

/// <summary>A plugin's secrets.yaml: secret name → stored value, sorted by name.</summary>
public sealed record SecretsDocument(ImmutableSortedDictionary<string, StoredSecret> Secrets)
{
    public static SecretsDocument Empty { get; } = new(ImmutableSortedDictionary.Create<string, StoredSecret>(StringComparer.Ordinal));

    public StoredSecret? Find(string name) => Secrets.GetValueOrDefault(name);
}
