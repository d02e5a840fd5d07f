using GitOps.Reconciler.Kubernetes;
using k8s.Models;
using static GitOps.Reconciler.Tests.Kubernetes.KubeTestPlugins;

namespace GitOps.Reconciler.Tests.Kubernetes;

public sealed class ConfigMapManifestTests
{
    [Fact]
    public void For_PutsTextInDataAndInvalidUtf8InBinaryData_AndCountsKeysAndBytes()
    {
        var plugin = Plugin("models", ("sources.yaml", "a: 1\n"u8.ToArray()), ("blob.bin", new byte[] { 0xff, 0xfe, 0x00 }));

        var manifest = ConfigMapManifest.For(plugin, "c0ffee", "gitops");

        Assert.Equal("gitops-models", manifest.Name);
        Assert.Equal("a: 1\n", manifest.Data["sources.yaml"]);
        Assert.Equal(new byte[] { 0xff, 0xfe, 0x00 }, manifest.BinaryData["blob.bin"]);
        Assert.Equal("sources.yaml".Length + 5 + "blob.bin".Length + 3, manifest.Size);
    }

    [Fact]
    public void ContentHashOf_TheConfigMapItWrites_EqualsThePluginHash()
    {
        var plugin = Plugin("models", ("sources.yaml", "a: 1\r\n\uFEFFü"u8.ToArray()), ("blob.bin", new byte[] { 0xc3, 0x28 }));

        var configMap = ConfigMapManifest.For(plugin, "c0ffee", "gitops").ToConfigMap("ns");

        Assert.Equal(plugin.Hash, ConfigMapManifest.ContentHashOf(configMap));
    }

    [Fact]
    public void Compare_WithDataEditedButAnnotationKept_ReportsDataDrift()
    {
        var manifest = ConfigMapManifest.For(Plugin("models", ("sources.yaml", "a: 1\n")), "c1", "gitops");
        var edited = manifest.ToConfigMap("ns");
        edited.Data["sources.yaml"] = "a: 2\n";

        Assert.Equal(ConfigMapDrift.Data, manifest.Compare(edited));
    }

    [Fact]
    public void Compare_WithOnlyADifferentCommit_ReportsNoDrift()
    {
        var plugin = Plugin("models", ("sources.yaml", "a: 1\n"));
        var existing = ConfigMapManifest.For(plugin, "old-commit", "gitops").ToConfigMap("ns");

        Assert.Equal(ConfigMapDrift.None, ConfigMapManifest.For(plugin, "new-commit", "gitops").Compare(existing));
    }

    [Fact]
    public void Compare_WithMissingLabelAndAnnotation_ReportsBoth()
    {
        var manifest = ConfigMapManifest.For(Plugin("models", ("sources.yaml", "a: 1\n")), "c1", "gitops");
        var existing = manifest.ToConfigMap("ns");
        existing.Metadata.Labels.Remove(ConfigMapManifest.PluginLabel);
        existing.Metadata.Annotations.Remove(ConfigMapManifest.HashAnnotation);

        Assert.Equal(ConfigMapDrift.Labels | ConfigMapDrift.HashAnnotation, manifest.Compare(existing));
    }

    [Fact]
    public void MergePatch_RemovesExtraKeysAndCarriesTheResourceVersionPrecondition()
    {
        var manifest = ConfigMapManifest.For(Plugin("models", ("sources.yaml", "a: 1\n")), "c1", "gitops");
        var existing = new V1ConfigMap
        {
            Metadata = new V1ObjectMeta { Name = "gitops-models", ResourceVersion = "42" },
            Data = new Dictionary<string, string> { ["sources.yaml"] = "x", ["extra.yaml"] = "y" },
        };

        var patch = System.Text.Json.Nodes.JsonNode.Parse(manifest.MergePatch(existing))!;

        Assert.Equal("42", patch["metadata"]!["resourceVersion"]!.GetValue<string>());
        Assert.Equal("a: 1\n", patch["data"]!["sources.yaml"]!.GetValue<string>());
        Assert.True(patch["data"]!.AsObject().ContainsKey("extra.yaml"));
        Assert.Null(patch["data"]!["extra.yaml"]);
        Assert.Equal(manifest.Hash, patch["metadata"]!["annotations"]![ConfigMapManifest.HashAnnotation]!.GetValue<string>());
    }
}
