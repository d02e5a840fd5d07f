using GitOps.TestSupport.Hosting;
using k8s.Models;

namespace GitOps.WebhookApi.Tests.Charts;

/// <summary>The chart's example consumer (examples/kubeflow-catalog/values-catalog.yaml): one projected volume of every
/// ConfigMap part of a plugin, mounted where the Kubeflow catalog server reads it.</summary>
public sealed class ChartConsumerTests
{
    [Fact]
    public async Task Render_WithTheKubeflowCatalogExample_MountsAllPartsAtCatalog()
    {
        var chart = await ChartRenderer.RenderSuccessfullyAsync(Path.Combine(RepositoryRoot.Path, "examples", "kubeflow-catalog", "values-catalog.yaml"));

        var consumer = chart.All<V1Deployment>().Single(d => d.Metadata.Name == "model-catalog-server");
        var container = Assert.Single(consumer.Spec.Template.Spec.Containers);
        Assert.Contains("--catalogs-path=/catalog/sources.yaml", container.Args);
        var mount = Assert.Single(container.VolumeMounts);
        Assert.Equal(("/catalog", true), (mount.MountPath, mount.ReadOnlyProperty ?? false));
        var volume = Assert.Single(consumer.Spec.Template.Spec.Volumes, v => v.Name == mount.Name);
        Assert.Equal(
            [("gitops-catalog", false), ("gitops-catalog-2", true), ("gitops-catalog-3", true), ("gitops-catalog-4", true)],
            volume.Projected.Sources.Select(s => (s.ConfigMap.Name, s.ConfigMap.Optional ?? false)));
    }

    [Fact]
    public async Task Render_WithoutConsumers_RendersNoExtraDeployment()
    {
        var chart = await ChartProfiles.RenderAsync(ChartProfiles.Default);

        Assert.Single(chart.All<V1Deployment>());
    }
}
