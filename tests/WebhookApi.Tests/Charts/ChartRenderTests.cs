using GitOps.TestSupport.Hosting;
using k8s.Models;

namespace GitOps.WebhookApi.Tests.Charts;

public sealed class ChartRenderTests
{
    [Fact]
    public async Task Render_WithDefaultValues_FailsNamingTheRepositoryUrl()
    {
        var result = await ChartRenderer.RenderAsync();

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("repository.remoteUrl is required", result.Error);
        Assert.Contains("repository.embedded=true", result.Error);
        Assert.Empty(result.Output.Trim());
    }

    [Fact]
    public async Task Render_WithOnlyTheRepositoryUrl_GivesASingleReplicaWithoutIngressOrPdb()
    {
        var chart = await ChartProfiles.RenderAsync(ChartProfiles.Default);

        Assert.Equal(
            ["Deployment", "Role", "RoleBinding", "Service", "ServiceAccount"],
            chart.Documents.Select(d => ((k8s.IKubernetesObject)d.Object).Kind).Order());
        Assert.Equal(1, chart.Deployment.Spec.Replicas);
        AssertHardened(chart);
    }

    [Fact]
    public async Task Render_HighlyAvailable_HasPdbIngressProbesAndHardenedPods()
    {
        var chart = await ChartProfiles.RenderAsync(ChartProfiles.HighlyAvailable);

        Assert.Equal(3, chart.Deployment.Spec.Replicas);
        AssertHardened(chart);

        var pdb = chart.Single<V1PodDisruptionBudget>();
        Assert.Equal("2", pdb.Spec.MinAvailable.Value);
        Assert.Equal(chart.Deployment.Spec.Selector.MatchLabels, pdb.Spec.Selector.MatchLabels);

        var ingress = chart.Single<V1Ingress>();
        var service = chart.Single<V1Service>();
        Assert.Equal("nginx", ingress.Spec.IngressClassName);
        Assert.Equal("gitops-tls", Assert.Single(ingress.Spec.Tls).SecretName);
        var path = Assert.Single(Assert.Single(ingress.Spec.Rules).Http.Paths);
        Assert.Equal((service.Metadata.Name, service.Spec.Ports[0].Port), (path.Backend.Service.Name, path.Backend.Service.Port.Number));
        Assert.Equal("http", service.Spec.Ports[0].TargetPort.Value);
        Assert.Single(chart.Deployment.Spec.Template.Spec.TopologySpreadConstraints);
    }

    [Fact]
    public async Task Render_InEmbeddedMode_SetsNoRemoteUrl()
    {
        using var directory = new TempDirectory("gitops-chart");
        var values = ChartRenderer.WriteValues(directory, "repository:\n  embedded: true\n");

        var chart = await ChartRenderer.RenderSuccessfullyAsync(values);

        Assert.DoesNotContain(chart.Container.Env, e => e.Name == "GitOps__Repository__RemoteUrl");
        Assert.Contains(chart.Container.Env, e => e.Name == "GitOps__Repository__Path");
    }

    [Theory]
    [InlineData("replicaCount: 2\nrepository:\n  embedded: true\n", "repository.embedded needs replicaCount 1")]
    [InlineData("replicaCount: 2\nrepository:\n  remoteUrl: https://x.example/c.git\n", "auth.tokens is required with replicaCount > 1")]
    [InlineData("repository:\n  remoteUrl: https://x.example/c.git\n  credentials: token\n", "secrets.values.gitToken is required")]
    [InlineData("repository:\n  remoteUrl: https://x.example/c.git\nmutations:\n  mode: PullRequest\n", "needs github.token.enabled=true")]
    [InlineData("repository:\n  remoteUrl: https://x.example/c.git\nserviceAccount:\n  create: false\n", "serviceAccount.name is required")]
    public async Task Render_WithAnImpossibleCombination_FailsNamingTheValue(string yaml, string message)
    {
        using var directory = new TempDirectory("gitops-chart");

        var result = await ChartRenderer.RenderAsync(ChartRenderer.WriteValues(directory, yaml));

        Assert.Equal(1, result.ExitCode);
        Assert.Contains(message, result.Error);
    }

    [Fact]
    public async Task Render_WithPersistence_UsesAClaimAndRecreates()
    {
        using var directory = new TempDirectory("gitops-chart");
        var values = ChartRenderer.WriteValues(directory, "repository:\n  embedded: true\npersistence:\n  enabled: true\n  size: 2Gi\n");

        var chart = await ChartRenderer.RenderSuccessfullyAsync(values);

        var claim = chart.Single<V1PersistentVolumeClaim>();
        Assert.Equal("2Gi", claim.Spec.Resources.Requests["storage"].ToString());
        Assert.Equal(claim.Metadata.Name, chart.Deployment.Spec.Template.Spec.Volumes.Single(v => v.Name == "data").PersistentVolumeClaim.ClaimName);
        Assert.Equal("Recreate", chart.Deployment.Spec.Strategy.Type);
    }

    [Fact]
    public void Load_WithAnUnknownField_Fails()
    {
        const string yaml = "apiVersion: v1\nkind: Service\nmetadata:\n  name: x\nspec:\n  portz: []\n";

        Assert.ThrowsAny<Exception>(() => RenderedChart.Load(yaml));
    }

    [Fact]
    public void Load_WithAWrongType_Fails()
    {
        const string yaml = "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: x\nspec:\n  replicas: three\n";

        Assert.ThrowsAny<Exception>(() => RenderedChart.Load(yaml));
    }

    private static void AssertHardened(RenderedChart chart)
    {
        var pod = chart.Deployment.Spec.Template.Spec;
        Assert.Equal((true, 10001L, 10001L), (pod.SecurityContext.RunAsNonRoot, pod.SecurityContext.RunAsUser, pod.SecurityContext.FsGroup));
        Assert.Equal("RuntimeDefault", pod.SecurityContext.SeccompProfile.Type);

        var container = chart.Container;
        Assert.Equal((true, false), (container.SecurityContext.ReadOnlyRootFilesystem, container.SecurityContext.AllowPrivilegeEscalation));
        Assert.Equal(["ALL"], container.SecurityContext.Capabilities.Drop);
        Assert.Null(container.SecurityContext.Capabilities.Add);
        Assert.Equal("/healthz", container.LivenessProbe.HttpGet.Path);
        Assert.Equal("/readyz", container.ReadinessProbe.HttpGet.Path);
        Assert.Equal("/healthz", container.StartupProbe.HttpGet.Path);
        Assert.NotNull(container.Resources.Requests);
        Assert.NotNull(container.Resources.Limits);
        Assert.Contains(container.VolumeMounts, m => m.MountPath == "/tmp");
        Assert.NotNull(pod.Volumes.Single(v => v.Name == container.VolumeMounts.Single(m => m.MountPath == "/tmp").Name).EmptyDir);
    }
}
