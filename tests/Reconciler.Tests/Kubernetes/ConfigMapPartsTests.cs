using System.Text;
using GitOps.Reconciler.Configuration;
using GitOps.Reconciler.Kubernetes;
using GitOps.TestSupport.Kubernetes;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging.Abstractions;
using static GitOps.Reconciler.Tests.Kubernetes.KubeTestPlugins;

namespace GitOps.Reconciler.Tests.Kubernetes;

/// <summary>Plugins larger than one ConfigMap reach the (fake) API server as parts and come back whole (issue 13).</summary>
public sealed class ConfigMapPartsTests : IAsyncLifetime
{
    private const string Commit1 = "1111111111111111111111111111111111111111";
    private const string Commit2 = "2222222222222222222222222222222222222222";

    private FakeKubeApiServer server = null!;
    private k8s.Kubernetes client = null!;
    private k8s.Kubernetes other = null!;
    private KubernetesConfigMapTarget target = null!;

    private string Ns => server.Namespace;

    public async Task InitializeAsync()
    {
        server = await FakeKubeApiServer.StartAsync("catalog");
        client = server.CreateClient();
        other = server.CreateClient();
        target = new KubernetesConfigMapTarget(client, Ns, "gitops", "replica-a", TimeProvider.System, NullLoggerFactory.Instance);
    }

    public async Task DisposeAsync()
    {
        client.Dispose();
        other.Dispose();
        await server.DisposeAsync();
    }

    /// <summary>About 3 MB: sources.yaml and four catalogs of 760 KB each (distinct content, so a mix-up shows).</summary>
    private static PluginSnapshot Big(int catalogs = 4) => Plugin("catalog",
        [("sources.yaml", Encoding.UTF8.GetBytes("model_catalogs: []\n")),
         .. Enumerable.Range(1, catalogs).Select(i => ($"catalog-{i}.yaml", Encoding.UTF8.GetBytes($"source: c{i}\nmodels:\n" + string.Concat(Enumerable.Repeat($"  - name: model-{i}\n", 760_000 / 18)))))]);

    [Fact]
    public async Task EnsureAsync_OfA3MBPlugin_WritesPartsUnderTheLimit_ThatReadBackWhole()
    {
        var plugin = Big();
        Assert.True(plugin.Files.Sum(f => f.Value.Length) > 3_000_000);

        Assert.IsType<ConfigMapOutcome.Created>(await target.EnsureAsync(plugin, Commit1, default));

        var parts = await PartsAsync();
        Assert.Equal(["gitops-catalog", "gitops-catalog-2", "gitops-catalog-3", "gitops-catalog-4"], parts.Select(p => p.Metadata.Name));
        Assert.True(parts[0].Data.ContainsKey("sources.yaml"));
        foreach (var (part, i) in parts.Select((p, i) => (p, i + 1)))
        {
            Assert.True(part.Data.Sum(d => d.Key.Length + Encoding.UTF8.GetByteCount(d.Value)) < ConfigMapManifest.MaxBytes);
            Assert.Equal(("gitops-reconciler", "catalog"), (part.Metadata.Labels["app.kubernetes.io/managed-by"], part.Metadata.Labels["gitops.reconciler/plugin"]));
            Assert.Equal((Commit1, plugin.Hash), (part.Metadata.Annotations["gitops.reconciler/commit"], part.Metadata.Annotations["gitops.reconciler/hash"]));
            Assert.Equal(($"{i}", "4"), (part.Metadata.Annotations["gitops.reconciler/part"], part.Metadata.Annotations["gitops.reconciler/parts"]));
        }
        var whole = parts.SelectMany(p => p.Data).ToDictionary(d => d.Key, d => (ReadOnlyMemory<byte>)Encoding.UTF8.GetBytes(d.Value), StringComparer.Ordinal);
        Assert.Equal(plugin.Hash, ContentHash.Of(whole));
        Assert.True(Assert.IsType<ConfigMapListing.Listed>(await target.ListAsync(default)).ByPlugin["catalog"].Matches(plugin.Hash));
        Assert.IsType<ConfigMapOutcome.Unchanged>(await target.EnsureAsync(plugin, Commit2, default));
    }

    [Fact]
    public async Task EnsureAsync_WhenThePluginShrinks_PrunesTheExtraParts()
    {
        await target.EnsureAsync(Big(), Commit1, default);
        var smaller = Big(catalogs: 1);

        var outcome = await target.EnsureAsync(smaller, Commit2, default);

        Assert.IsType<ConfigMapOutcome.Corrected>(outcome);
        var part = Assert.Single(await PartsAsync());
        Assert.Equal(("gitops-catalog", "1", "1"), (part.Metadata.Name, part.Metadata.Annotations["gitops.reconciler/part"], part.Metadata.Annotations["gitops.reconciler/parts"]));
        Assert.True(Assert.IsType<ConfigMapListing.Listed>(await target.ListAsync(default)).ByPlugin["catalog"].Matches(smaller.Hash));
    }

    [Theory]
    [InlineData("edit")]
    [InlineData("delete")]
    [InlineData("extra")]
    public async Task Drift_OfAnyPart_ShowsInTheListing_AndIsCorrected(string how)
    {
        var plugin = Big();
        await target.EnsureAsync(plugin, Commit1, default);
        switch (how)
        {
            case "edit":
                await other.CoreV1.PatchNamespacedConfigMapAsync(new V1Patch("""{"data":{"catalog-3.yaml":"models: []\n"}}""", V1Patch.PatchType.MergePatch), "gitops-catalog-3", Ns);
                break;
            case "delete":
                await other.CoreV1.DeleteNamespacedConfigMapAsync("gitops-catalog-4", Ns);
                break;
            case "extra":
                var stray = (await other.CoreV1.ReadNamespacedConfigMapAsync("gitops-catalog-2", Ns));
                await other.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap
                {
                    Metadata = new V1ObjectMeta { Name = "gitops-catalog-5", Labels = stray.Metadata.Labels, Annotations = stray.Metadata.Annotations },
                    Data = new Dictionary<string, string> { ["old.yaml"] = "x: 1\n" },
                }, Ns);
                break;
        }

        Assert.False(Assert.IsType<ConfigMapListing.Listed>(await target.ListAsync(default)).ByPlugin["catalog"].Matches(plugin.Hash));
        Assert.True((await target.EnsureAsync(plugin, Commit1, default)).Wrote);
        Assert.Equal(4, (await PartsAsync()).Count);
        Assert.True(Assert.IsType<ConfigMapListing.Listed>(await target.ListAsync(default)).ByPlugin["catalog"].Matches(plugin.Hash));
    }

    [Fact]
    public async Task PruneAsync_DeletesEveryPart()
    {
        await target.EnsureAsync(Big(), Commit1, default);

        Assert.IsType<ConfigMapOutcome.Pruned>(await target.PruneAsync("catalog", Commit2, default));

        Assert.Empty(await PartsAsync());
    }

    [Fact]
    public async Task EnsureAsync_WithOneFileOverTheLimit_IsTooLargeNamingTheFile()
    {
        var plugin = Plugin("catalog", ("sources.yaml", "model_catalogs: []\n"), ("huge.yaml", new string('x', 1024 * 1024)));

        var outcome = Assert.IsType<ConfigMapOutcome.TooLarge>(await target.EnsureAsync(plugin, Commit1, default));

        Assert.Equal("huge.yaml", outcome.File);
        Assert.Empty(await PartsAsync());
    }

    private async Task<List<V1ConfigMap>> PartsAsync() =>
        [.. (await other.CoreV1.ListNamespacedConfigMapAsync(Ns, labelSelector: "gitops.reconciler/plugin=catalog")).Items
            .OrderBy(c => c.Metadata.Name.Length).ThenBy(c => c.Metadata.Name, StringComparer.Ordinal)];
}
