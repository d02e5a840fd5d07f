using System.Text.RegularExpressions;
using GitOps.Reconciler.Configuration.Yaml;
using GitOps.Reconciler.Secrets.Age;

namespace GitOps.Reconciler.Secrets;

/// <summary>Reads and writes <c>plugins/&lt;plugin&gt;/secrets.yaml</c>: <c>apiVersion: gitops/v1</c> and a <c>secrets:</c>
/// mapping of name → encrypted value (an <c>ENC[AES256_GCM,…]</c> envelope, or an armored age file as a block scalar).
/// Only the shape is checked here; decryption needs the key ring and happens where values are used.</summary>
public static partial class SecretsFile
{
    public const string FileName = "secrets.yaml";
    public const string ApiVersion = "gitops/v1";

    /// <summary>The field path of a secret inside secrets.yaml, as diagnostics and the associated data name it.</summary>
    public static string FieldPath(string name) => $"secrets.{name}";

    /// <summary>Names that are also valid Kubernetes Secret data keys.</summary>
    public static bool IsValidName(string? name) => name is not null && NamePattern().IsMatch(name);

    public static SecretsParse Parse(string file, ReadOnlyMemory<byte> content, YamlLimits limits)
    {
        var read = YamlTreeReader.Read(file, content, limits);
        if (read is YamlReadResult.Failed failed) return new SecretsParse.Failed([failed.Error]);
        var root = ((YamlReadResult.Read)read).Root;
        if (root is not MappingNode mapping)
            return Fail(file, root?.Line ?? 1, root?.Column ?? 1, "", "expected a mapping with apiVersion and secrets");
        var errors = ImmutableArray.CreateBuilder<ValidationError>();
        var secrets = ImmutableSortedDictionary.CreateBuilder<string, StoredSecret>(StringComparer.Ordinal);
        foreach (var (key, value) in mapping.Entries)
        {
            switch (key.Value)
            {
                case "apiVersion":
                    if (value is not ScalarNode { Value: ApiVersion })
                        errors.Add(new ValidationError(file, value.Line, value.Column, "apiVersion", $"expected {ApiVersion}"));
                    break;
                case "secrets":
                    if (value is ScalarNode { Resolved: null }) break;
                    if (value is not MappingNode entries)
                    {
                        errors.Add(new ValidationError(file, value.Line, value.Column, "secrets", "expected a mapping of name → encrypted value"));
                        break;
                    }
                    foreach (var (name, stored) in entries.Entries)
                        if (Entry(file, name, stored, errors) is { } secret) secrets[secret.Name] = secret;
                    break;
                default:
                    errors.Add(new ValidationError(file, key.Line, key.Column, key.Value, $"unknown field '{key.Value}'; allowed: apiVersion, secrets"));
                    break;
            }
        }
        if (mapping.Find("apiVersion") is null) errors.Add(new ValidationError(file, mapping.Line, mapping.Column, "apiVersion", $"missing apiVersion: {ApiVersion}"));
        return errors.Count > 0 ? new SecretsParse.Failed(errors.ToImmutable()) : new SecretsParse.Parsed(new SecretsDocument(secrets.ToImmutable()));
    }

    /// <summary>Writes the file back (names sorted; envelopes quoted, age files as literal block scalars).</summary>
    public static byte[] Write(SecretsDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var text = new StringBuilder();
        text.Append("# Encrypted secret values (see docs/CONFIG_FORMAT.md). Never put plain text here.\n");
        text.Append("apiVersion: ").Append(ApiVersion).Append('\n');
        if (document.Secrets.IsEmpty) return Encoding.UTF8.GetBytes(text.Append("secrets: {}\n").ToString());
        text.Append("secrets:\n");
        foreach (var secret in document.Secrets.Values)
        {
            text.Append("  ").Append(secret.Name).Append(':');
            if (secret.Format == SecretFormat.Age)
            {
                text.Append(" |\n");
                foreach (var line in secret.Value.Replace("\r", "", StringComparison.Ordinal).Trim().Split('\n'))
                    text.Append("    ").Append(line).Append('\n');
            }
            else
            {
                text.Append(" \"").Append(secret.Value).Append("\"\n");
            }
        }
        return Encoding.UTF8.GetBytes(text.ToString());
    }

    /// <summary>Classifies a value as an envelope or an age file; null with <paramref name="error"/> otherwise.</summary>
    public static StoredSecret? Classify(string name, string value, int line, out string? error)
    {
        if (AgeArmor.LooksArmored(value))
        {
            error = AgeArmor.Decode(value) is null ? "the age armor is malformed" : null;
            return error is null ? new StoredSecret(name, value.Trim() + "\n", SecretFormat.Age, null, line) : null;
        }
        if (SecretEnvelope.TryParse(value, out var envelope, out error))
            return new StoredSecret(name, value, SecretFormat.Envelope, envelope.KeyId, line);
        if (!SecretEnvelope.LooksLikeEnvelope(value))
            error = "expected an encrypted value (ENC[AES256_GCM,…] or an armored age file); plain text is refused (set it with PUT /api/v1/plugins/{plugin}/secrets/{name} or 'gitops secrets set')";
        return null;
    }

    private static StoredSecret? Entry(string file, ScalarNode name, YamlNode stored, ImmutableArray<ValidationError>.Builder errors)
    {
        var field = FieldPath(name.Value);
        if (!IsValidName(name.Value))
        {
            errors.Add(new ValidationError(file, name.Line, name.Column, field, $"'{name.Value}' is not a valid secret name (letters, digits, '.', '_' and '-', starting with a letter or digit, at most 128)"));
            return null;
        }
        if (stored is not ScalarNode scalar || scalar.Resolved is not string value)
        {
            errors.Add(new ValidationError(file, stored.Line, stored.Column, field, "expected an encrypted string value"));
            return null;
        }
        var secret = Classify(name.Value, value, stored.Line, out var error);
        // The message never quotes the value: it may be plain text that someone committed by mistake.
        if (secret is null) errors.Add(new ValidationError(file, stored.Line, stored.Column, field, error!));
        return secret;
    }

    private static SecretsParse Fail(string file, int line, int column, string field, string message) =>
        new SecretsParse.Failed([new ValidationError(file, line, column, field, message)]);

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9_.-]{0,127}$")]
    private static partial Regex NamePattern();
}

/// <summary>The outcome of reading a secrets.yaml.</summary>
public abstract record SecretsParse
{
    private SecretsParse() { }

    public sealed record Parsed(SecretsDocument Document) : SecretsParse;

    public sealed record Failed(ImmutableArray<ValidationError> Errors) : SecretsParse;
}
