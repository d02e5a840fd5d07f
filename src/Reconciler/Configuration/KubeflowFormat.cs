using GitOps.Reconciler.Configuration.Yaml;

namespace GitOps.Reconciler.Configuration;

/// <summary>The names of the Kubeflow Model Registry catalog sources format (<c>basecatalog.SourceConfig</c>), read natively
/// beside gitops/v1. A file is in this dialect when it has no <c>apiVersion</c> and at least one of its top-level keys.</summary>
public static class KubeflowFormat
{
    /// <summary>The top-level keys of the dialect; a file without <c>apiVersion</c> and with one of them is in it.</summary>
    public static readonly string[] RootFields = [ModelSection, McpSection, "labels", "namedQueries", DeprecatedSection];

    public const string Dialect = "kubeflow";

    public const string ModelSection = "model_catalogs";
    public const string McpSection = "mcp_catalogs";

    /// <summary>Deprecated by Kubeflow in favour of <see cref="ModelSection"/>; still read, with a warning.</summary>
    public const string DeprecatedSection = "catalogs";

    public const string Models = "models";
    public const string McpServers = "mcp_servers";

    public const string IncludedModels = "includedModels";
    public const string ExcludedModels = "excludedModels";
    public const string IncludedServers = "includedServers";
    public const string ExcludedServers = "excludedServers";

    /// <summary>The fields Kubeflow's strict decode accepts in a model source (<c>ModelSource</c> with its inlined <c>CatalogSource</c>).</summary>
    public static readonly string[] ModelSourceFields = ["id", "name", "type", "enabled", "labels", "properties", IncludedModels, ExcludedModels, "assetType", "status", "error"];

    /// <summary>The fields of an MCP source (<c>MCPSource</c>).</summary>
    public static readonly string[] McpSourceFields = ["id", "name", "type", "enabled", "labels", "properties", IncludedServers, ExcludedServers, "assetType"];

    public static bool IsSection(string key) => key is ModelSection or McpSection or DeprecatedSection;

    /// <summary>The include/exclude keys of a source in <paramref name="section"/>.</summary>
    public static (string Include, string Exclude) FilterKeys(string? section) =>
        section == McpSection ? (IncludedServers, ExcludedServers) : (IncludedModels, ExcludedModels);

    internal static bool Applies(MappingNode root) =>
        root.FindKey("apiVersion") is null && root.Entries.Any(e => RootFields.Contains(e.Key.Value));
}
