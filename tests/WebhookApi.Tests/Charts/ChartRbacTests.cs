using k8s.Models;

namespace GitOps.WebhookApi.Tests.Charts;

public sealed class ChartRbacTests
{
    private static readonly string[] ExpectedRules =
    [
        "/configmaps: get,list,watch,create,update,patch,delete",
        "/events: create,patch",
        "coordination.k8s.io/leases: get,create,update",
    ];

    [Theory]
    [MemberData(nameof(ChartProfiles.All), MemberType = typeof(ChartProfiles))]
    public async Task Role_GrantsExactlyConfigMapsEventsAndLeases(string profile)
    {
        var chart = await ChartProfiles.RenderAsync(profile);

        var role = chart.Single<V1Role>();
        var rules = role.Rules.SelectMany(rule =>
            from apiGroup in rule.ApiGroups
            from resource in rule.Resources
            select $"{apiGroup}/{resource}: {string.Join(',', rule.Verbs)}").ToList();
        Assert.Equal(ExpectedRules, rules);
        Assert.All(role.Rules, rule =>
        {
            Assert.Null(rule.ResourceNames);
            Assert.Null(rule.NonResourceURLs);
        });
        Assert.Empty(chart.All<V1ClusterRole>());
        Assert.Empty(chart.All<V1ClusterRoleBinding>());
    }

    [Fact]
    public async Task Role_LivesInTheTargetNamespaceAndBindsTheReleaseServiceAccount()
    {
        var chart = await ChartProfiles.RenderAsync(ChartProfiles.HighlyAvailable);

        var role = chart.Single<V1Role>();
        var binding = chart.Single<V1RoleBinding>();
        var account = chart.Single<V1ServiceAccount>();
        Assert.Equal("platform-config", role.Metadata.NamespaceProperty);
        Assert.Equal("platform-config", binding.Metadata.NamespaceProperty);
        Assert.Equal(("Role", role.Metadata.Name), (binding.RoleRef.Kind, binding.RoleRef.Name));
        var subject = Assert.Single(binding.Subjects);
        Assert.Equal(("ServiceAccount", account.Metadata.Name, "default"), (subject.Kind, subject.Name, subject.NamespaceProperty));
        Assert.Equal(account.Metadata.Name, chart.Deployment.Spec.Template.Spec.ServiceAccountName);
        Assert.Equal("platform-config", chart.Container.Env.Single(e => e.Name == "GitOps__Kubernetes__Namespace").Value);
    }

    [Fact]
    public async Task Role_WithDefaultValues_TargetsTheReleaseNamespace()
    {
        var chart = await ChartProfiles.RenderAsync(ChartProfiles.Default);

        Assert.Equal("default", chart.Single<V1Role>().Metadata.NamespaceProperty);
        Assert.Equal("default", chart.Container.Env.Single(e => e.Name == "GitOps__Kubernetes__Namespace").Value);
    }
}
