using System.Text;
using GitOps.Reconciler.Configuration;
using GitOps.Reconciler.Kubernetes;
using GitOps.Reconciler.Plugins;
using GitOps.Reconciler.Plugins.Providers;
using GitOps.Reconciler.Reconciliation;
using GitOps.Reconciler.Tests.Secrets;
using GitOps.TestSupport.Git;
using GitOps.TestSupport.Hosting;
using GitOps.TestSupport.Kubernetes;
using GitOps.TestSupport.Reconciliation;
using k8s;
using Microsoft.Extensions.Logging.Abstractions;

namespace GitOps.Reconciler.Tests.Reconciliation;

/// <summary>The leader's pass delivers decrypted values to the plugin's Secret while its ConfigMap carries only ciphertext.</summary>
public sealed class ReconcilePassSecretsTests
{
    private const string Plaintext = "pass-delivered-value-Xy3";

    [Fact]
    public async Task Pass_WritesTheSecretWithTheValue_AndTheConfigMapWithCiphertextOnly()
    {
        await using var kube = await FakeKubeApiServer.StartAsync("gitops-system");
        using var data = new TempDirectory("gitops-pass-secrets");
        var cipher = SecretSnapshots.Cipher("k1");
        var seed = ConfigRepoSeed.Write(data.Path);
        await File.WriteAllTextAsync(Path.Combine(seed, "plugins", "models", "secrets.yaml"),
            SecretSnapshots.SecretsYaml(("apiToken", cipher.Encrypt("models", "apiToken", Plaintext))));
        using var store = StoreFactory.Create(Path.Combine(data.Path, "data"), seed);
        store.Initialize();
        var options = ReconcileReplica.Options(kube);
        using var targets = KubernetesTargets.Create(options, n => n == "POD_NAME" ? "replica-a" : null, TimeProvider.System, NullLoggerFactory.Instance);
        using var stop = new CancellationTokenSource();
        var election = targets.Election.RunAsync(stop.Token);
        using (var wait = new CancellationTokenSource(TimeSpan.FromSeconds(30)))
            while (!targets.Election.IsLeader) await Task.Delay(50, wait.Token);
        var host = new PluginHost(new SourceProviderRegistry([new YamlSourceProvider(YamlLimits.Default)]), TimeProvider.System, NullLogger<PluginHost>.Instance, cipher);
        using var pass = new ReconcilePass(store, host, targets.Election, targets.ConfigMaps, TimeProvider.System, NullLogger<ReconcilePass>.Instance,
            secrets: targets.CreateSecretTarget(options, cipher, TimeProvider.System, NullLoggerFactory.Instance));

        var report = await pass.RunAsync(new ReconcileRequest("test", false), CancellationToken.None);
        await stop.CancelAsync();
        await election;

        Assert.True(report.Outcome == ReconcileOutcome.Succeeded, report.Error);
        Assert.Contains("secret gitops-models-secrets: Created", report.Actions);
        using var client = kube.CreateClient();
        var secret = await client.CoreV1.ReadNamespacedSecretAsync("gitops-models-secrets", kube.Namespace);
        Assert.Equal(Plaintext, Encoding.UTF8.GetString(secret.Data["apiToken"]));
        var configMap = await client.CoreV1.ReadNamespacedConfigMapAsync("gitops-models", kube.Namespace);
        Assert.Contains("ENC[AES256_GCM,", configMap.Data["secrets.yaml"], StringComparison.Ordinal);
        Assert.All(configMap.Data.Values, v => Assert.DoesNotContain(Plaintext, v, StringComparison.Ordinal));
        Assert.DoesNotContain(report.Actions.Concat([report.Error ?? ""]), a => a.Contains(Plaintext, StringComparison.Ordinal));
    }
}
