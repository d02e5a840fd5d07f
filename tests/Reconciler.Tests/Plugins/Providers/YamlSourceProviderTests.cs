using System.Collections.Immutable;
using System.Text;
using GitOps.Reconciler.Configuration;
using GitOps.Reconciler.Plugins;
using GitOps.Reconciler.Plugins.Providers;
using GitOps.TestSupport.Hosting;

namespace GitOps.Reconciler.Tests.Plugins.Providers;

public sealed class YamlSourceProviderTests
{
    private readonly YamlSourceProvider _provider = new(YamlLimits.Default);

    private static SourceLoadRequest Request(string? path, params (string Name, string Content)[] files) => new(
        "models",
        new SourceConfig("a", "a", "yaml", true, [],
            path is null ? FreeForm.EmptyMap : new Dictionary<string, object?> { ["yamlCatalogPath"] = path }, [], []),
        files.ToImmutableSortedDictionary(f => f.Name, f => (ReadOnlyMemory<byte>)Encoding.UTF8.GetBytes(f.Content), StringComparer.Ordinal));

    [Fact]
    public async Task Load_KubeflowCatalog_LoadsUnchangedWithNestedFields()
    {
        var result = await _provider.LoadAsync(Request("c.yaml", ("c.yaml", PluginFixtures.KubeflowCatalog("granite-8b", "llama"))), default);

        var loaded = Assert.IsType<SourceLoadResult.Loaded>(result);
        Assert.Equal(["granite-8b", "llama"], loaded.Entities.Select(e => e.Name));
        var fields = loaded.Entities[0].Fields;
        Assert.StartsWith("# Title\n\nMulti-line readme", (string)fields["readme"]!, StringComparison.Ordinal);
        Assert.StartsWith("data:image/svg+xml;base64,", (string)fields["logo"]!, StringComparison.Ordinal);
        var size = (IReadOnlyDictionary<string, object?>)((IReadOnlyDictionary<string, object?>)fields["customProperties"]!)["size"]!;
        Assert.Equal("8B", size["string_value"]);
    }

    [Fact]
    public async Task Load_TheExampleRepositoryCatalogs_AreReady()
    {
        foreach (var (plugin, file) in new[] { ("models", "organization-models.yaml"), ("mcp", "community-mcp.yaml") })
        {
            var content = await File.ReadAllTextAsync(Path.Combine(RepositoryRoot.ExamplesRepo, "plugins", plugin, file));
            var result = await _provider.LoadAsync(Request(file, (file, content)), default);
            Assert.NotEmpty(Assert.IsType<SourceLoadResult.Loaded>(result).Entities);
        }
    }

    [Fact]
    public async Task Load_MissingFile_FailsNamingTheFile()
    {
        var result = await _provider.LoadAsync(Request("gone.yaml"), default);

        var failed = Assert.IsType<SourceLoadResult.Failed>(result);
        Assert.Equal("plugins/models/gone.yaml", failed.Diagnostics[0].File);
        Assert.Equal(DiagnosticSeverity.Error, failed.Diagnostics[0].Severity);
    }

    [Fact]
    public async Task Load_PathOutsideThePluginFolder_NeverResolves()
    {
        var result = await _provider.LoadAsync(Request("../mcp/sources.yaml", ("sources.yaml", "x: 1")), default);

        Assert.IsType<SourceLoadResult.Failed>(result);
    }

    [Fact]
    public async Task Load_NoPathProperty_FailsNamingTheProperty()
    {
        var result = await _provider.LoadAsync(Request(null), default);

        Assert.Contains("yamlCatalogPath", Assert.IsType<SourceLoadResult.Failed>(result).Diagnostics[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Load_BadYaml_FailsWithFileAndLine()
    {
        var result = await _provider.LoadAsync(Request("c.yaml", ("c.yaml", "models:\n  - name: a\n  - name: [b\n")), default);

        var diagnostic = Assert.IsType<SourceLoadResult.Failed>(result).Diagnostics[0];
        Assert.Equal("plugins/models/c.yaml", diagnostic.File);
        Assert.NotNull(diagnostic.Line);
    }
}
