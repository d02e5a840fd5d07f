using GitOps.TestSupport.Hosting;

namespace GitOps.WebhookApi.Tests.Charts;

public sealed class ChartEnvironmentTests
{
    [Theory]
    [MemberData(nameof(ChartProfiles.All), MemberType = typeof(ChartProfiles))]
    public async Task EveryGitOpsVariable_NamesARealOption(string profile)
    {
        var chart = await ChartProfiles.RenderAsync(profile);
        var catalog = OptionsCatalog.Load();

        var names = chart.Container.Env.Select(e => e.Name).Where(n => n.StartsWith("GitOps__", StringComparison.Ordinal)).ToList();
        var unbound = names.Where(n => !catalog.Binds(n)).ToList();

        Assert.NotEmpty(names);
        Assert.True(unbound.Count == 0,
            $"No options property for: {string.Join(", ", unbound)}. Options sections found: {string.Join(", ", catalog.Sections)}");
    }

    [Fact]
    public void OptionsCatalog_RejectsNamesThatAreNotProperties()
    {
        var catalog = OptionsCatalog.Load();

        Assert.True(catalog.Binds("GitOps__Repository__RemoteUrl"));
        Assert.False(catalog.Binds("GitOps__Repository__RemoteURI"));
        Assert.False(catalog.Binds("GitOps__Repository"));
        Assert.False(catalog.Binds("GitOps__Nowhere__Path"));
    }

    [Fact]
    public void OptionsCatalog_WalksListsDictionariesAndScalarsLikeTheConfigurationBinder()
    {
        var catalog = OptionsCatalog.Load([typeof(SampleOptions).Assembly]);

        Assert.True(catalog.Binds("GitOps__Sample__Mode"));
        Assert.True(catalog.Binds("GitOps__Sample__Window"));
        Assert.True(catalog.Binds("GitOps__Sample__Tokens__3__Sha256"));
        Assert.True(catalog.Binds("GitOps__Sample__Labels__team"));
        Assert.False(catalog.Binds("GitOps__Sample__Tokens__first__Sha256"));
        Assert.False(catalog.Binds("GitOps__Sample__Tokens__0"));
        Assert.False(catalog.Binds("GitOps__Sample__Tokens__0__Secret"));
        Assert.False(catalog.Binds("GitOps__Sample__Computed"));
    }

    [Theory]
    [MemberData(nameof(ChartProfiles.All), MemberType = typeof(ChartProfiles))]
    public async Task Container_RunsInClusterWithPodIdentityAndTheDataDirectory(string profile)
    {
        var chart = await ChartProfiles.RenderAsync(profile);
        var env = chart.Container.Env.ToDictionary(e => e.Name);

        Assert.Equal("true", env["GitOps__Kubernetes__Enabled"].Value);
        Assert.Equal("http://+:8080", env["ASPNETCORE_URLS"].Value);
        Assert.Equal("metadata.name", env["POD_NAME"].ValueFrom.FieldRef.FieldPath);
        Assert.Equal("metadata.namespace", env["POD_NAMESPACE"].ValueFrom.FieldRef.FieldPath);
        Assert.Equal("https://github.com/acme/platform-config.git", env["GitOps__Repository__RemoteUrl"].Value);
        var dataPath = env["GitOps__Repository__Path"].Value;
        var data = Assert.Single(chart.Container.VolumeMounts, m => m.MountPath == dataPath);
        Assert.NotNull(Assert.Single(chart.Deployment.Spec.Template.Spec.Volumes, v => v.Name == data.Name).EmptyDir);
    }

    [Fact]
    public async Task Secrets_FromAnExistingSecret_AreSecretKeyRefsAndNeverLiterals()
    {
        var chart = await ChartProfiles.RenderAsync(ChartProfiles.HighlyAvailable);
        var env = chart.Container.Env.ToDictionary(e => e.Name);

        var expected = new Dictionary<string, string>
        {
            ["GitOps__Repository__Token"] = "git-token",
            ["GitOps__Webhooks__GitHubSecret"] = "github-webhook-secret",
            ["GitOps__Webhooks__GitLabToken"] = "gitlab-webhook-token",
            ["GitOps__Webhooks__GenericSecret"] = "generic-webhook-secret",
            ["GitOps__GitHub__Token"] = "github-token",
            ["GitOps__Auth__Tokens__0__Sha256"] = "token-ci-sha256",
            ["GitOps__Auth__Tokens__1__Sha256"] = "token-platform-admins-sha256",
        };
        foreach (var (name, key) in expected)
        {
            Assert.True(env.ContainsKey(name), $"{name} is not set");
            Assert.Null(env[name].Value);
            Assert.Equal(("gitops-reconciler-credentials", key), (env[name].ValueFrom.SecretKeyRef.Name, env[name].ValueFrom.SecretKeyRef.Key));
        }
        Assert.Equal(("ci", "operator"), (env["GitOps__Auth__Tokens__0__Name"].Value, env["GitOps__Auth__Tokens__0__Role"].Value));
        Assert.Empty(chart.All<k8s.Models.V1Secret>());
    }

    [Fact]
    public async Task Secrets_CreatedFromValues_HoldEveryReferencedKey()
    {
        using var directory = new TempDirectory("gitops-chart");
        var values = ChartRenderer.WriteValues(directory, ChartProfiles.RepositoryUrlOnly + """

              credentials: basic
            webhooks:
              github:
                enabled: true
            auth:
              tokens:
                - name: ci
                  role: operator
                  sha256: 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08
            secrets:
              values:
                gitUsername: bot
                gitPassword: "p@ss: word"
                githubWebhookSecret: s3cret
            """);

        var chart = await ChartRenderer.RenderSuccessfullyAsync(values);

        var secret = chart.Single<k8s.Models.V1Secret>();
        var references = chart.Container.Env.Where(e => e.ValueFrom?.SecretKeyRef is not null).ToList();
        Assert.Equal(4, references.Count);
        Assert.All(references, e => Assert.Equal(secret.Metadata.Name, e.ValueFrom.SecretKeyRef.Name));
        Assert.Equal(references.Select(e => e.ValueFrom.SecretKeyRef.Key).Order(), secret.Data.Keys.Order());
        Assert.Equal("p@ss: word", System.Text.Encoding.UTF8.GetString(secret.Data["git-password"]));
        Assert.Contains("checksum/secret", chart.Deployment.Spec.Template.Metadata.Annotations.Keys);
    }
}

internal sealed class SampleOptions
{
    public const string SectionName = "GitOps:Sample";

    public StringComparison Mode { get; set; }

    public TimeSpan Window { get; set; }

    public List<SampleToken> Tokens { get; set; } = [];

    public Dictionary<string, string> Labels { get; set; } = [];

    public string Computed => Mode.ToString();
}

internal sealed class SampleToken
{
    public string Sha256 { get; set; } = "";
}
