using System.Collections.Concurrent;
using System.Text;
using GitOps.Reconciler.Configuration;
using GitOps.Reconciler.Plugins;
using GitOps.Reconciler.Secrets;
using Microsoft.Extensions.Logging.Abstractions;
using static GitOps.Reconciler.Tests.Secrets.SecretSnapshots;

namespace GitOps.Reconciler.Tests.Secrets;

/// <summary>Secret references from properties: validated with the snapshot, decrypted into the provider's request only,
/// failing closed per source.</summary>
public sealed class SecretDeliveryTests
{
    private static readonly SecretCipher Cipher = SecretSnapshots.Cipher("k1");

    /// <summary>A provider that records the properties it was given and loads one entity.</summary>
    private sealed class CapturingProvider : ISourceProvider
    {
        public ConcurrentDictionary<string, IReadOnlyDictionary<string, object?>> Seen { get; } = new();

        public string Type => "yaml";

        public bool SupportsSourceRefresh => true;

        public Task<SourceLoadResult> LoadAsync(SourceLoadRequest request, CancellationToken cancellationToken)
        {
            Seen[request.Source.Id] = request.Source.Properties;
            // A careless provider that echoes a property into a diagnostic: the host must mask decrypted values.
            return Task.FromResult<SourceLoadResult>(new SourceLoadResult.Loaded([], [new SourceDiagnostic(DiagnosticSeverity.Info, $"used {request.Source.Properties.GetValueOrDefault("token")}")]));
        }
    }

    private static ConfigSnapshot Plugin(string secretsYaml, string tokenProperty = "\"Bearer ${secret:token}\"") => Build("h",
        ("plugins/models/sources.yaml", Sources("models",
            ("uses", "yaml", $"{{yamlCatalogPath: c.yaml, token: {tokenProperty}}}"),
            ("plain", "yaml", "{yamlCatalogPath: c.yaml}"))),
        ("plugins/models/c.yaml", "models:\n  - name: a\n"),
        ("plugins/models/secrets.yaml", secretsYaml));

    [Fact]
    public async Task Load_GivesTheProviderTheDecryptedValue_WhileTheRunningSourceKeepsTheReference()
    {
        var provider = new CapturingProvider();
        var host = new PluginHost(new SourceProviderRegistry([provider]), TimeProvider.System, NullLogger<PluginHost>.Instance, Cipher);
        var snapshot = Plugin(SecretsYaml(("token", Cipher.Encrypt("models", "token", "s3cret"))));

        var running = await host.ApplyPluginAsync(snapshot.Plugins["models"]);

        Assert.Equal("Bearer s3cret", provider.Seen["uses"]["token"]);
        var uses = running.FindSource("uses")!;
        Assert.Equal(SourceState.Ready, uses.Status.State);
        Assert.Equal("Bearer ${secret:token}", uses.Config.Properties["token"]);
        Assert.Equal("used Bearer ***", Assert.Single(uses.Status.Diagnostics).Message);
    }

    [Fact]
    public async Task Load_WithAValueUnderAMissingKeyId_PutsOnlyTheSourcesUsingItInError_NamingFileFieldAndKeyId()
    {
        var provider = new CapturingProvider();
        var host = new PluginHost(new SourceProviderRegistry([provider]), TimeProvider.System, NullLogger<PluginHost>.Instance, Cipher);
        var snapshot = Plugin(SecretsYaml(("token", SecretSnapshots.Cipher("k0").Encrypt("models", "token", "s3cret"))));

        var running = await host.ApplyPluginAsync(snapshot.Plugins["models"]);

        var uses = running.FindSource("uses")!;
        Assert.Equal(SourceState.Error, uses.Status.State);
        var diagnostic = Assert.Single(uses.Status.Diagnostics);
        Assert.Equal("plugins/models/secrets.yaml", diagnostic.File);
        Assert.Equal(3, diagnostic.Line);
        Assert.StartsWith("secrets.token (key id 'k0'): key id 'k0' is not in the key ring", diagnostic.Message, StringComparison.Ordinal);
        Assert.False(provider.Seen.ContainsKey("uses")); // the ciphertext is never handed on as if it were the value
        Assert.Equal(SourceState.Ready, running.FindSource("plain")!.Status.State);
    }

    [Fact]
    public async Task Load_WithATamperedValue_FailsTheTag()
    {
        var host = new PluginHost(new SourceProviderRegistry([new CapturingProvider()]), TimeProvider.System, NullLogger<PluginHost>.Instance, Cipher);
        var movedFromAnotherField = Cipher.Encrypt("models", "password", "s3cret");

        var running = await host.ApplyPluginAsync(Plugin(SecretsYaml(("token", movedFromAnotherField))).Plugins["models"]);

        Assert.Contains("tag does not verify with key 'k1'", Assert.Single(running.FindSource("uses")!.Status.Diagnostics).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_WithAReferenceToAMissingSecret_OrPlainTextInSecretsYaml_IsInvalid_WithoutEchoingTheValue()
    {
        var files = new Dictionary<string, ReadOnlyMemory<byte>>
        {
            ["plugins/models/sources.yaml"] = Encoding.UTF8.GetBytes(Sources("models", ("uses", "yaml", "{yamlCatalogPath: c.yaml, token: \"${secret:nope}\"}"))),
            ["plugins/models/c.yaml"] = Encoding.UTF8.GetBytes("models:\n  - name: a\n"),
            ["plugins/models/secrets.yaml"] = Encoding.UTF8.GetBytes("apiVersion: gitops/v1\nsecrets:\n  token: hunter2-plain\n"),
        };

        var invalid = Assert.IsType<SnapshotResult.Invalid>(new SnapshotBuilder().Build(files));

        var plain = Assert.Single(invalid.Errors, e => e.Field == "secrets.token");
        Assert.Equal(("plugins/models/secrets.yaml", 3), (plain.File, plain.Line));
        Assert.Contains("plain text is refused", plain.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", string.Join("\n", invalid.Errors), StringComparison.Ordinal);
        files["plugins/models/secrets.yaml"] = Encoding.UTF8.GetBytes(SecretsYaml(("token", Cipher.Encrypt("models", "token", "v"))));
        var missing = Assert.Single(Assert.IsType<SnapshotResult.Invalid>(new SnapshotBuilder().Build(files)).Errors);
        Assert.Equal("sources[0].properties", missing.Field);
        Assert.Contains("refers to secret 'nope'", missing.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SourceHash_ChangesWithTheSecretsItUses_Only()
    {
        var before = Plugin(SecretsYaml(("token", Cipher.Encrypt("models", "token", "a")), ("other", Cipher.Encrypt("models", "other", "x")))).Plugins["models"];
        var tokenChanged = Plugin(SecretsYaml(("token", Cipher.Encrypt("models", "token", "b")), ("other", before.Secrets.Find("other")!.Value))).Plugins["models"];
        var otherChanged = Plugin(SecretsYaml(("token", before.Secrets.Find("token")!.Value), ("other", Cipher.Encrypt("models", "other", "y")))).Plugins["models"];

        Assert.NotEqual(before.SourceHashes["uses"], tokenChanged.SourceHashes["uses"]);
        Assert.Equal(before.SourceHashes["uses"], otherChanged.SourceHashes["uses"]);
        Assert.Equal(before.SourceHashes["plain"], tokenChanged.SourceHashes["plain"]);
    }

    [Fact]
    public void SecretsFile_WritesWhatItReads_EnvelopesAndAgeValues()
    {
        var age = SecretCipher.EncryptForRecipient(Cipher.Recipient, "from-age");
        var document = Assert.IsType<SecretsParse.Parsed>(SecretsFile.Parse("s", Encoding.UTF8.GetBytes(SecretsYaml(("a", Cipher.Encrypt("p", "a", "1")), ("b", age))), YamlLimits.Default)).Document;

        var reparsed = Assert.IsType<SecretsParse.Parsed>(SecretsFile.Parse("s", SecretsFile.Write(document), YamlLimits.Default)).Document;

        Assert.Equal(SecretFormat.Age, reparsed.Find("b")!.Format);
        Assert.Equal("from-age", Assert.IsType<SecretDecryption.Decrypted>(Cipher.Decrypt("p", "b", reparsed.Find("b")!.Value)).Value);
        Assert.Equal(document.Find("a")!.Value, reparsed.Find("a")!.Value);
        Assert.Equal("k1", reparsed.Find("a")!.KeyId);
    }
}
