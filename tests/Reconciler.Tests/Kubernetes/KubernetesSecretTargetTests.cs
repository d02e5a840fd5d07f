using System.Text;
using GitOps.Reconciler.Configuration;
using GitOps.Reconciler.Kubernetes;
using GitOps.Reconciler.Secrets;
using GitOps.Reconciler.Tests.Secrets;
using GitOps.TestSupport.Kubernetes;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging.Abstractions;
using static GitOps.Reconciler.Tests.Secrets.SecretSnapshots;

namespace GitOps.Reconciler.Tests.Kubernetes;

/// <summary>The Secret target against the fake API server, through the real KubernetesClient.</summary>
public sealed class KubernetesSecretTargetTests : IAsyncLifetime
{
    private const string Commit1 = "1111111111111111111111111111111111111111";
    private const string Commit2 = "2222222222222222222222222222222222222222";
    private static readonly SecretCipher Cipher = SecretSnapshots.Cipher("k1");

    private FakeKubeApiServer server = null!;
    private k8s.Kubernetes client = null!;
    private k8s.Kubernetes other = null!;
    private KubernetesSecretTarget target = null!;

    private string Ns => server.Namespace;

    public async Task InitializeAsync()
    {
        server = await FakeKubeApiServer.StartAsync("gitops-system");
        client = server.CreateClient();
        other = server.CreateClient();
        target = new KubernetesSecretTarget(client, Ns, "gitops", Cipher, "replica-a", TimeProvider.System, NullLoggerFactory.Instance);
    }

    public async Task DisposeAsync()
    {
        client.Dispose();
        other.Dispose();
        await server.DisposeAsync();
    }

    private static ConfigSnapshot WithSecrets(string head, string plugin, params (string Name, string Value)[] values) => Build(head,
        ($"plugins/{plugin}/sources.yaml", Sources(plugin)),
        ($"plugins/{plugin}/secrets.yaml", SecretsYaml([.. values.Select(v => (v.Name, Cipher.Encrypt(plugin, v.Name, v.Value)))])));

    [Fact]
    public async Task Sync_CreatesOneSecretPerPlugin_WithDecryptedDataLabelsAndAnnotations()
    {
        var snapshot = WithSecrets(Commit1, "models", ("token", "t0ken-value"), ("password", "pa55"));

        var sync = await target.SyncAsync(snapshot, default);

        Assert.Equal(["secret gitops-models-secrets: Created"], sync.Actions.ToArray());
        Assert.Empty(sync.Problems);
        var secret = await other.CoreV1.ReadNamespacedSecretAsync("gitops-models-secrets", Ns);
        Assert.Equal("Opaque", secret.Type);
        Assert.Equal("t0ken-value", Encoding.UTF8.GetString(secret.Data["token"]));
        Assert.Equal("pa55", Encoding.UTF8.GetString(secret.Data["password"]));
        Assert.Equal("gitops-reconciler", secret.Metadata.Labels["app.kubernetes.io/managed-by"]);
        Assert.Equal("models", secret.Metadata.Labels["gitops.reconciler/plugin"]);
        Assert.Equal(Commit1, secret.Metadata.Annotations["gitops.reconciler/commit"]);
        Assert.Equal(64, secret.Metadata.Annotations["gitops.reconciler/hash"].Length);
        Assert.Empty((await target.SyncAsync(snapshot, default)).Actions);
        var ev = Assert.Single((await other.CoreV1.ListNamespacedEventAsync(Ns)).Items, e => e.InvolvedObject.Kind == "Secret");
        Assert.Equal(("Created", "gitops-models-secrets"), (ev.Reason, ev.InvolvedObject.Name));
        Assert.Contains(Commit1, ev.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("t0ken-value", ev.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sync_AfterSomeoneEditsTheSecret_RestoresItsData()
    {
        var snapshot = WithSecrets(Commit1, "models", ("token", "right"));
        await target.SyncAsync(snapshot, default);
        var edited = await other.CoreV1.ReadNamespacedSecretAsync("gitops-models-secrets", Ns);
        edited.Data["token"] = "wrong"u8.ToArray();
        edited.Data["extra"] = "x"u8.ToArray();
        await other.CoreV1.ReplaceNamespacedSecretAsync(edited, edited.Metadata.Name, Ns);

        var sync = await target.SyncAsync(snapshot, default);

        Assert.Equal(["secret gitops-models-secrets: DriftCorrected (Data)"], sync.Actions.ToArray());
        var secret = await other.CoreV1.ReadNamespacedSecretAsync("gitops-models-secrets", Ns);
        Assert.Equal(["token"], secret.Data.Keys);
        Assert.Equal("right", Encoding.UTF8.GetString(secret.Data["token"]));
    }

    [Fact]
    public async Task Sync_WhenThePluginHasNoSecretsAnyMore_PrunesItsSecret_AndLeavesUnmanagedOnesAlone()
    {
        await target.SyncAsync(WithSecrets(Commit1, "models", ("token", "v")), default);
        await other.CoreV1.CreateNamespacedSecretAsync(new V1Secret { Metadata = new V1ObjectMeta { Name = "gitops-other-secrets" }, StringData = new Dictionary<string, string> { ["a"] = "b" } }, Ns);

        var sync = await target.SyncAsync(Build(Commit2, ("plugins/models/sources.yaml", Sources("models"))), default);

        Assert.Equal(["secret gitops-models-secrets: Pruned"], sync.Actions.ToArray());
        var names = (await other.CoreV1.ListNamespacedSecretAsync(Ns)).Items.Select(s => s.Metadata.Name);
        Assert.Equal(["gitops-other-secrets"], names);
    }

    [Fact]
    public async Task Sync_WithAValueUnderAMissingKey_KeepsThatPluginsSecret_ReportsFileFieldAndKeyId_AndOtherPluginsGoOn()
    {
        await target.SyncAsync(WithSecrets(Commit1, "datasources", ("password", "old")), default);
        var foreign = SecretSnapshots.Cipher("k0").Encrypt("datasources", "password", "new");
        var snapshot = Build(Commit2,
            ("plugins/datasources/sources.yaml", Sources("datasources")),
            ("plugins/datasources/secrets.yaml", SecretsYaml(("password", foreign))),
            ("plugins/models/sources.yaml", Sources("models")),
            ("plugins/models/secrets.yaml", SecretsYaml(("token", Cipher.Encrypt("models", "token", "fine")))));

        var sync = await target.SyncAsync(snapshot, default);

        Assert.Equal(["secret gitops-models-secrets: Created"], sync.Actions.ToArray());
        var problem = Assert.Single(sync.Problems);
        Assert.Contains("plugins/datasources/secrets.yaml: secrets.password (key id 'k0')", problem, StringComparison.Ordinal);
        var kept = await other.CoreV1.ReadNamespacedSecretAsync("gitops-datasources-secrets", Ns);
        Assert.Equal("old", Encoding.UTF8.GetString(kept.Data["password"]));
        Assert.DoesNotContain("new", problem.Replace("not written", "", StringComparison.Ordinal), StringComparison.Ordinal);
    }
}
