using GitOps.TestSupport.Hosting;
using k8s.Models;

namespace GitOps.WebhookApi.Tests.Charts;

/// <summary>The optional example consumer Deployment (exampleConsumer.*): mounts one plugin's ConfigMap as a whole volume.</summary>
public sealed class ChartExampleConsumerTests
{
    [Fact]
    public async Task Enabled_MountsThePluginsConfigMapAsAVolumeInTheTargetNamespace_WithoutSubPath()
    {
        using var directory = new TempDirectory("gitops-chart");
        var values = ChartRenderer.WriteValues(directory, """
            repository:
              remoteUrl: https://x.example/c.git
            kubernetes:
              namespace: plugins
              configMapPrefix: cfg
            exampleConsumer:
              enabled: true
              plugin: mcp
            """);

        var chart = await ChartRenderer.RenderSuccessfullyAsync(values);

        var deployments = chart.All<V1Deployment>().ToList();
        Assert.Equal(2, deployments.Count);
        var consumer = Assert.Single(deployments, d => d.Metadata.Name.EndsWith("-consumer", StringComparison.Ordinal));
        var service = Assert.Single(deployments, d => d != consumer);
        Assert.Equal("plugins", consumer.Metadata.NamespaceProperty);
        var pod = consumer.Spec.Template.Spec;
        var volume = Assert.Single(pod.Volumes, v => v.Name == "plugin");
        Assert.Equal("cfg-mcp", Assert.Single(volume.Projected.Sources).ConfigMap.Name);
        var container = Assert.Single(pod.Containers);
        var mount = Assert.Single(container.VolumeMounts, m => m.Name == "plugin");
        Assert.Null(mount.SubPath);
        Assert.True(mount.ReadOnlyProperty);
        Assert.Contains(container.Env, e => e.Name == "Consumer__MountPath" && e.Value == mount.MountPath);
        Assert.True(container.SecurityContext.ReadOnlyRootFilesystem);
        Assert.False(pod.AutomountServiceAccountToken);
        // The reconciler's Service must not route to the consumer's pods.
        var serviceSelector = chart.Single<V1Service>().Spec.Selector;
        Assert.False(serviceSelector.All(s => consumer.Spec.Template.Metadata.Labels.TryGetValue(s.Key, out var v) && v == s.Value));
        Assert.Equal(consumer.Spec.Selector.MatchLabels, consumer.Spec.Template.Metadata.Labels.Where(l => consumer.Spec.Selector.MatchLabels.ContainsKey(l.Key)).ToDictionary());
        Assert.NotEqual(service.Spec.Selector.MatchLabels["app.kubernetes.io/name"], consumer.Spec.Selector.MatchLabels["app.kubernetes.io/name"]);
    }

    [Fact]
    public void ValuesSchema_RejectsAPluginNameThatIsNotADnsLabel()
    {
        var schema = ChartValues.LoadSchema();
        var values = ChartValues.Merge(ChartValues.ReadYaml(Path.Combine(ChartRenderer.ChartDirectory, "values.yaml")), ChartValues.ParseYaml("exampleConsumer:\n  plugin: Models_1\n"));

        Assert.Contains(ChartValues.Validate(schema, values), error => error.StartsWith("exampleConsumer.plugin", StringComparison.Ordinal));
    }
}
