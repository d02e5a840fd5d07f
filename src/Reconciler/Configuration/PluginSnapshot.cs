namespace GitOps.Reconciler.Configuration;

/// <summary>One plugin folder at one commit: its parsed sources.yaml and every file in the folder, verbatim.</summary>
/// <param name="Name">The folder name (a DNS label).</param>
/// <param name="Hash">SHA-256 over the folder's files (path + content, sorted by path), lowercase hex (DESIGN §6).</param>
/// <param name="Config">The free-form per-plugin <c>config:</c> block (empty when absent).</param>
/// <param name="Sources">Sources in file order.</param>
/// <param name="SourceHashes">Source id → hash of its own entry plus the files it refers to.</param>
/// <param name="Files">File name (no folder) → content, exactly as committed.</param>
/// <param name="TreeId">The git tree id of the folder, used as the cache key; empty for trees not from git.</param>
/// <param name="MigratedFrom">The schema the file was written in when it was migrated on read, else null.</param>
public sealed record PluginSnapshot(
    string Name,
    string Hash,
    IReadOnlyDictionary<string, object?> Config,
    ImmutableArray<SourceConfig> Sources,
    ImmutableDictionary<string, string> SourceHashes,
    ImmutableSortedDictionary<string, ReadOnlyMemory<byte>> Files,
    string TreeId,
    string? MigratedFrom = null)
{
    /// <summary>The dialect of its sources.yaml: <c>gitops/v1</c> or <c>kubeflow</c>; edits keep it.</summary>
    public string Dialect { get; init; } = SourcesDocument.CurrentApiVersion;

    /// <summary>The parsed tree of its sources.yaml, kept so that an edit splices without reading the file again.</summary>
    internal Yaml.MappingNode? SourcesTree { get; init; }

    public SourceConfig? FindSource(string id) => Sources.FirstOrDefault(s => s.Id == id);

    /// <summary>The plugin's secrets.yaml (ciphertext only; empty when the folder has none).</summary>
    public Secrets.SecretsDocument Secrets { get; init; } = GitOps.Reconciler.Secrets.SecretsDocument.Empty;
}
