namespace GitOps.Reconciler.Configuration;

/// <summary>One entry of <c>sources.yaml</c>, as declared (schema gitops/v1).</summary>
/// <remarks><see cref="Properties"/> is a free-form mapping (see <see cref="FreeForm"/>). Property names
/// ending in <c>Path</c> (such as <c>yamlCatalogPath</c>) are references to files in the plugin folder.</remarks>
public sealed record SourceConfig(
    string Id,
    string Name,
    string Type,
    bool Enabled,
    ImmutableArray<string> Labels,
    IReadOnlyDictionary<string, object?> Properties,
    ImmutableArray<string> Include,
    ImmutableArray<string> Exclude)
{
    /// <summary>The Kubeflow section the source is declared in (<c>model_catalogs</c>, <c>mcp_catalogs</c> or the
    /// deprecated <c>catalogs</c>); null in a gitops/v1 file.</summary>
    public string? Section { get; init; }

    /// <summary>The Kubeflow <c>assetType:</c> field as written (<c>models</c> or <c>mcp_servers</c>); null when absent.</summary>
    public string? AssetType { get; init; }

    /// <summary>What the source lists: <c>mcp_servers</c> for an MCP source (section or assetType), else <c>models</c>.</summary>
    public string EffectiveAssetType => AssetType ?? (Section == KubeflowFormat.McpSection ? KubeflowFormat.McpServers : KubeflowFormat.Models);

    /// <summary>File names (relative to the plugin folder) this source refers to through <c>*Path</c> properties.</summary>
    public IEnumerable<string> ReferencedFiles =>
        Properties.Where(p => p.Key.EndsWith("Path", StringComparison.Ordinal) && p.Value is string s && s.Length > 0)
                  .Select(p => (string)p.Value!);
}
