using System.Collections.Immutable;
using System.Text;
using GitOps.Reconciler.Configuration;

namespace GitOps.Reconciler.Tests.Plugins;

/// <summary>Builds validated snapshots from inline files, the way the git store does from a tree.</summary>
internal static class PluginFixtures
{
    /// <summary>A Kubeflow Model Registry style catalog: multi-line readme, data-URI logo, nested customProperties.</summary>
    public static string KubeflowCatalog(params string[] names)
    {
        var text = new StringBuilder("source: Organization AI\nmodels:\n");
        foreach (var name in names)
        {
            text.Append(CultureInfoInvariant($"  - name: {name}\n"));
            text.Append("    description: A model\n");
            text.Append("    readme: |\n      # Title\n\n      Multi-line readme with `code` and: colons.\n");
            text.Append("    logo: data:image/svg+xml;base64,PHN2ZyB4bWxucz0iaHR0cDovL3d3dy53My5vcmcvMjAwMC9zdmciLz4=\n");
            text.Append("    customProperties:\n      size:\n        metadataType: MetadataStringValue\n        string_value: 8B\n");
            text.Append("    artifacts:\n      - uri: oci://registry.example/models/x:1.0\n");
        }
        return text.ToString();
    }

    public static string SourcesYaml(string plugin, params string[] entries) =>
        $"apiVersion: gitops/v1\nplugin: {plugin}\nsources:\n{string.Concat(entries)}";

    public static string YamlSource(string id, string file, bool enabled = true, string extra = "") =>
        $"  - id: {id}\n    name: {id}\n    type: yaml\n    enabled: {(enabled ? "true" : "false")}\n    properties:\n      yamlCatalogPath: {file}\n{extra}";

    public static ConfigSnapshot Snapshot(params (string Path, string Content)[] files)
    {
        var map = files.ToDictionary(f => f.Path, f => (ReadOnlyMemory<byte>)Encoding.UTF8.GetBytes(f.Content));
        return new SnapshotBuilder().Build(map) switch
        {
            SnapshotResult.Valid valid => valid.Snapshot,
            SnapshotResult.Invalid invalid => throw new InvalidOperationException(string.Join("; ", invalid.Errors.Select(e => $"{e.File}:{e.Line} {e.Message}"))),
            _ => throw new InvalidOperationException(),
        };
    }

    /// <summary>A one-plugin snapshot that skips validation (the validator refuses unknown types and broken catalogs
    /// before a commit; the runtime must still isolate such sources when they reach it, e.g. an http catalog that breaks later).</summary>
    public static ConfigSnapshot UnvalidatedSnapshot(string plugin, params (string Name, string Content)[] files)
    {
        var map = files.ToImmutableSortedDictionary(f => f.Name, f => (ReadOnlyMemory<byte>)Encoding.UTF8.GetBytes(f.Content), StringComparer.Ordinal);
        var parsed = Assert.IsType<SourcesParseResult.Parsed>(SourcesFileParser.Parse($"plugins/{plugin}/sources.yaml", map["sources.yaml"], YamlLimits.Default));
        var sources = parsed.Document.Sources;
        var pluginSnapshot = new PluginSnapshot(plugin, ContentHash.Of(map), parsed.Document.Config, sources,
            sources.ToImmutableDictionary(x => x.Id, x => SnapshotBuilder.SourceHash(x, map)), map, "");
        return SnapshotBuilder.Compose("", "", [pluginSnapshot]);
    }

    /// <summary>Plugin "models" with sources a (a.yaml) and b (b.yaml), plugin "mcp" with source c.</summary>
    public static ConfigSnapshot TwoPlugins(string aCatalog, string bCatalog, string? cCatalog = null) => Snapshot(
        ("plugins/models/sources.yaml", SourcesYaml("models", YamlSource("a", "a.yaml"), YamlSource("b", "b.yaml"))),
        ("plugins/models/a.yaml", aCatalog),
        ("plugins/models/b.yaml", bCatalog),
        ("plugins/mcp/sources.yaml", SourcesYaml("mcp", YamlSource("c", "c.yaml"))),
        ("plugins/mcp/c.yaml", cCatalog ?? "mcp_servers:\n  - name: github\n"));

    private static string CultureInfoInvariant(FormattableString text) => FormattableString.Invariant(text);
}
