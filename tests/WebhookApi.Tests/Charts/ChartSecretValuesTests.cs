using GitOps.TestSupport.Hosting;
using k8s.Models;

namespace GitOps.WebhookApi.Tests.Charts;

/// <summary>secretValues: the key ring from an existing Secret, and Secrets in the Role only when delivery is on.</summary>
public sealed class ChartSecretValuesTests
{
    private const string Enabled = ChartProfiles.RepositoryUrlOnly + """

        secretValues:
          keyRingSecret: platform-keyring
          keyRingKey: ring
          kubernetesSecrets: true
        """;

    [Fact]
    public async Task WithKubernetesSecrets_RoleGainsSecretVerbs_AndTheKeyRingIsMountedFromTheExistingSecret()
    {
        using var directory = new TempDirectory("gitops-chart");
        var chart = await ChartRenderer.RenderSuccessfullyAsync(ChartRenderer.WriteValues(directory, Enabled));

        var rule = Assert.Single(chart.Single<V1Role>().Rules, r => r.Resources.Contains("secrets"));
        Assert.Equal(["get", "list", "create", "update", "delete"], rule.Verbs);
        var env = chart.Container.Env.ToDictionary(e => e.Name, e => e.Value);
        Assert.Equal("/etc/gitops/keyring/ring", env["GitOps__Secrets__KeyRingPath"]);
        Assert.Equal("true", env["GitOps__Secrets__KubernetesSecrets"]);
        Assert.False(env.ContainsKey("GitOps__Secrets__AllowReveal"));
        var volume = Assert.Single(chart.Deployment.Spec.Template.Spec.Volumes, v => v.Name == "keyring");
        Assert.Equal("platform-keyring", volume.Secret.SecretName);
        Assert.Equal("ring", Assert.Single(volume.Secret.Items).Key);
        var mount = Assert.Single(chart.Container.VolumeMounts, m => m.Name == "keyring");
        Assert.True(mount.ReadOnlyProperty);
        Assert.All(env.Keys.Where(k => k.StartsWith("GitOps__Secrets__", StringComparison.Ordinal)), k => Assert.True(OptionsCatalog.Load().Binds(k), k));
    }

    [Theory]
    [MemberData(nameof(ChartProfiles.All), MemberType = typeof(ChartProfiles))]
    public async Task ByDefault_TheRoleHasNoSecrets(string profile)
    {
        var chart = await ChartProfiles.RenderAsync(profile);

        Assert.DoesNotContain(chart.Single<V1Role>().Rules, r => r.Resources.Contains("secrets"));
    }
}
