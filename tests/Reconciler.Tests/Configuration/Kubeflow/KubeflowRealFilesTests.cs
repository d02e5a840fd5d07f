using GitOps.Reconciler.Configuration;
using GitOps.Reconciler.GitHub;
using GitOps.Reconciler.Plugins;

namespace GitOps.Reconciler.Tests.Configuration.Kubeflow;

/// <summary>The real sources.yaml files of kubeflow/model-registry (Fixtures/README.md) load unchanged, with the number of
/// models and MCP servers Kubeflow loads from each source.</summary>
public sealed class KubeflowRealFilesTests
{
    public static TheoryData<string, string> Expected => new()
    {
        // folder, "source=count" pairs in file order (model_catalogs, catalogs, then mcp_catalogs); -1 = not a yaml source
        { "demo", "organization_ai_models=6 validated_ai_models=5 community_custom_models=5 organization_mcp_servers=5 community_mcp_servers=4" },
        { "rh-mcp", "rh_mcp_servers=5" },
        { "testdata-dev", "organization_ai_models=6 validated_ai_models=5 community_custom_models=5" },
        { "testdata-test", "catalog1=3 catalog2=3" },
        { "hf-example", "sample_catalog=1 hf-specific=-1 hf-meta-llama=-1 hf-microsoft=-1 hf-mixed=-1" },
        { "base", "" },
    };

    [Theory]
    [MemberData(nameof(Expected))]
    public void Folder_LoadsUnchanged_WithKubeflowsCounts(string folder, string expected)
    {
        var plugin = Load(folder);

        Assert.Equal(KubeflowFormat.Dialect, plugin.Dialect);
        var counts = plugin.Sources.Select(s => $"{s.Id}={EntityCounter.Count(plugin, s, YamlLimits.Default) ?? -1}");
        Assert.Equal(expected, string.Join(" ", counts));
    }

    [Fact]
    public void Demo_KeepsItsNamedQueriesAndSections()
    {
        var plugin = Load("demo");

        Assert.Equal(["model_catalogs", "model_catalogs", "model_catalogs", "mcp_catalogs", "mcp_catalogs"], plugin.Sources.Select(s => s.Section));
        Assert.Equal(["read_only_servers", "fully_audited", "remote_servers"], ((IReadOnlyDictionary<string, object?>)plugin.Config["namedQueries"]!).Keys);
        Assert.Equal("mcp_servers", plugin.FindSource("community_mcp_servers")!.EffectiveAssetType);
    }

    [Fact]
    public void DeprecatedCatalogs_LoadWithAWarning()
    {
        var source = Load("testdata-test").FindSource("catalog1")!;

        Assert.Equal(KubeflowFormat.DeprecatedSection, source.Section);
        var note = Assert.Single(SourceNotes.For(source));
        Assert.Equal(DiagnosticSeverity.Warning, note.Severity);
        Assert.Contains("'model_catalogs'", note.Message, StringComparison.Ordinal);
        Assert.Equal(54321L, source.Properties["privateProp11"]);
    }

    internal static PluginSnapshot Load(string folder)
    {
        var directory = Path.Combine(AppContext.BaseDirectory, "Configuration", "Kubeflow", "Fixtures", folder);
        var tree = Directory.GetFiles(directory).ToDictionary(
            f => $"plugins/{folder}/{Path.GetFileName(f)}", f => (ReadOnlyMemory<byte>)File.ReadAllBytes(f), StringComparer.Ordinal);
        return ConfigFiles.Valid(tree).Plugins[folder];
    }
}
