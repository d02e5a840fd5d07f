using System.ComponentModel.DataAnnotations;
using GitOps.HotReload.Configuration;
using GitOps.TestSupport.HotReload;
using GitOps.TestSupport.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace GitOps.HotReload.Tests.Configuration;

public sealed class MountedConfigurationTests
{
    private const string SourcesYaml = """
        apiVersion: gitops/v1
        plugin: models
        config:
          pageSize: 50
        sources:
          - id: org_models   # comment
            name: "Org: Models"
            enabled: true
            labels: [Organization AI, "x, y"]
          - id: hf
            enabled: false
        """;

    [Fact]
    public void YamlAndJsonKeys_AreFlattenedUnderTheirFileNames()
    {
        using var dir = new TempDirectory("hotreload-config");
        new KubeletVolume(dir.Path).Write(new Dictionary<string, string> { ["sources.yaml"] = SourcesYaml, ["extra.json"] = """{"a": {"b": [1, true, null]}}""", ["notes.txt"] = "ignored" });

        var configuration = new ConfigurationBuilder().AddMountedDirectory(dir.Path).Build();

        Assert.Equal("gitops/v1", configuration["sources:apiVersion"]);
        Assert.Equal("50", configuration["sources:config:pageSize"]);
        Assert.Equal("org_models", configuration["sources:sources:0:id"]);
        Assert.Equal("Org: Models", configuration["sources:sources:0:name"]);
        Assert.Equal("x, y", configuration["sources:sources:0:labels:1"]);
        Assert.Equal("false", configuration["sources:sources:1:enabled"]);
        Assert.Equal("1", configuration["extra:a:b:0"]);
        Assert.Equal("true", configuration["extra:a:b:1"]);
        Assert.Null(configuration["notes"]);
    }

    [Fact]
    public async Task OptionsMonitor_SeesGoodReloads_AndNeverARefusedOne()
    {
        using var dir = new TempDirectory("hotreload-monitor");
        var volume = new KubeletVolume(dir.Path);
        volume.Write(new Dictionary<string, string> { ["app.yaml"] = "Feature:\n  Limit: 5\n  Label: one\n" });
        var configuration = new ConfigurationBuilder()
            .AddMountedDirectory(dir.Path, o =>
            {
                o.PrefixWithFileName = false;
                o.Watch.Debounce = TimeSpan.FromMilliseconds(50);
                o.Validate = HotReloadConfigurationExtensions.ValidateDataAnnotations<FeatureOptions>("Feature");
            })
            .Build();
        using var services = new ServiceCollection().Configure<FeatureOptions>(configuration.GetSection("Feature")).BuildServiceProvider();
        var monitor = services.GetRequiredService<IOptionsMonitor<FeatureOptions>>();
        var changes = new List<int>();
        using var subscription = monitor.OnChange(o => { lock (changes) changes.Add(o.Limit); });
        Assert.Equal(5, monitor.CurrentValue.Limit);

        volume.Write(new Dictionary<string, string> { ["app.yaml"] = "Feature:\n  Limit: [unclosed\n" });   // malformed YAML
        volume.Write(new Dictionary<string, string> { ["app.yaml"] = "Feature:\n  Limit: 5000\n  Label: two\n" }); // fails [Range]
        volume.Write(new Dictionary<string, string> { ["app.yaml"] = "Feature:\n  Limit: 7\n  Label: three\n" });
        await Waiting.UntilAsync(() => monitor.CurrentValue.Limit == 7, "the good update reaches IOptionsMonitor");

        Assert.Equal("three", monitor.CurrentValue.Label);
        lock (changes) Assert.DoesNotContain(5000, changes);
        lock (changes) Assert.All(changes, limit => Assert.InRange(limit, 1, 100));
    }

    [Fact]
    public async Task RefusedUpdate_DoesNotFireTheChangeToken()
    {
        using var dir = new TempDirectory("hotreload-token");
        var volume = new KubeletVolume(dir.Path);
        volume.Write(new Dictionary<string, string> { ["app.json"] = """{"Feature": {"Limit": 5}}""" });
        var configuration = new ConfigurationBuilder().AddMountedDirectory(dir.Path, o => o.Watch.Debounce = TimeSpan.Zero).Build();
        var provider = Assert.IsType<MountedConfigurationProvider>(Assert.Single(((IConfigurationRoot)configuration).Providers));
        var fired = 0;
        using var registration = Microsoft.Extensions.Primitives.ChangeToken.OnChange(configuration.GetReloadToken, () => Interlocked.Increment(ref fired));
        var refused = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        provider.Mounted!.Refused += _ => refused.TrySetResult();

        volume.Write(new Dictionary<string, string> { ["app.json"] = """{"Feature": {"Limit": 6""" });
        await refused.Task.WaitAsync(Waiting.Bound);

        Assert.Equal(0, fired);
        Assert.Equal("5", configuration["app:Feature:Limit"]);
    }

    [Fact]
    public void MalformedAtStartup_ThrowsNamingTheFileAndLine()
    {
        using var dir = new TempDirectory("hotreload-config-bad");
        new KubeletVolume(dir.Path).Write(new Dictionary<string, string> { ["app.yaml"] = "a: 1\nb: &anchor 2\n" });

        var error = Assert.Throws<HotReloadStartupException>(() => new ConfigurationBuilder().AddMountedDirectory(dir.Path).Build());

        Assert.Contains(Path.Combine(dir.Path, "app.yaml"), error.Message, StringComparison.Ordinal);
        Assert.Contains("app.yaml:2", error.Message, StringComparison.Ordinal);
    }

    public sealed class FeatureOptions
    {
        [Range(1, 100)]
        public int Limit { get; set; }

        public string Label { get; set; } = "";
    }
}
