using GitOps.Reconciler.Plugins;

namespace GitOps.Reconciler.Secrets;

/// <summary>Decrypts the secrets a source refers to and substitutes them into its properties, in memory only. Fails
/// closed: any value that does not decrypt fails the source with a diagnostic naming the file, field and key id.</summary>
internal static class SecretResolution
{
    public static Outcome Resolve(PluginSnapshot plugin, SourceConfig source, ImmutableArray<string> names, SecretCipher? cipher)
    {
        var file = $"{SnapshotBuilder.PluginsFolder}/{plugin.Name}/{SecretsFile.FileName}";
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var diagnostics = ImmutableArray.CreateBuilder<SourceDiagnostic>();
        foreach (var name in names)
        {
            var stored = plugin.Secrets.Find(name);
            var field = SecretsFile.FieldPath(name);
            if (stored is null)
                diagnostics.Add(new SourceDiagnostic(DiagnosticSeverity.Error, $"{field}: no such secret", file));
            else if (cipher is null)
                diagnostics.Add(new SourceDiagnostic(DiagnosticSeverity.Error, $"{field} (key id '{stored.KeyId ?? "age"}'): no key ring is configured (GitOps:Secrets)", file, stored.Line));
            else
                switch (cipher.Decrypt(plugin.Name, name, stored.Value))
                {
                    case SecretDecryption.Decrypted d: values[name] = d.Value; break;
                    case SecretDecryption.Failed f:
                        diagnostics.Add(new SourceDiagnostic(DiagnosticSeverity.Error, $"{field} (key id '{f.KeyId ?? stored.KeyId ?? "age"}'): {f.Reason}", file, stored.Line));
                        break;
                }
        }
        return diagnostics.Count > 0
            ? new Outcome.Failed(new SourceLoadResult.Failed(diagnostics.ToImmutable()))
            : new Outcome.Resolved(source with { Properties = SecretReferences.Substitute(source.Properties, values) }, [.. values.Values]);
    }

    /// <summary>A provider's diagnostics with any decrypted value masked, should one ever be echoed (a URL, an error text).</summary>
    public static SourceLoadResult Redact(SourceLoadResult result, ImmutableArray<string> values)
    {
        if (values.IsEmpty) return result;
        SourceDiagnostic Mask(SourceDiagnostic d) => d with { Message = MaskText(d.Message, values), File = d.File is null ? null : MaskText(d.File, values) };
        return result switch
        {
            SourceLoadResult.Loaded l => l with { Diagnostics = [.. l.Diagnostics.Select(Mask)] },
            SourceLoadResult.Failed f => f with { Diagnostics = [.. f.Diagnostics.Select(Mask)] },
            _ => result,
        };
    }

    public static string MaskText(string text, ImmutableArray<string> values)
    {
        foreach (var value in values)
            if (value.Length > 0) text = text.Replace(value, "***", StringComparison.Ordinal);
        return text;
    }

    public abstract record Outcome
    {
        private Outcome() { }

        public sealed record Resolved(SourceConfig Source, ImmutableArray<string> Values) : Outcome
        {
            public override string ToString() => $"Resolved({Source.Id}, {Values.Length} secrets)";
        }

        public sealed record Failed(SourceLoadResult.Failed Result) : Outcome;
    }
}
