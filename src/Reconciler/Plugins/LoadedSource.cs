namespace GitOps.Reconciler.Plugins;

/// <summary>What one running source holds: its config, status and the entities it loaded (after include/exclude).</summary>
/// <remarks>Immutable. A reload builds a new instance and swaps it in with one reference write, so a request that
/// read this instance keeps a consistent view (status, count and entities agree) until it finishes.</remarks>
public sealed record LoadedSource(string Plugin, SourceConfig Config, SourceStatus Status, ImmutableArray<CatalogEntity> Entities)
{
    public string Id => Config.Id;
}

/// <summary>One running plugin: the hash of the snapshot it applied and its sources in sources.yaml order.</summary>
/// <param name="AppliedHash">The plugin hash last applied as a whole (empty while a new plugin's first load runs).</param>
/// <param name="Snapshot">The plugin snapshot last applied as a whole.</param>
public sealed record RunningPlugin(string Name, string AppliedHash, PluginSnapshot Snapshot, ImmutableArray<LoadedSource> Sources)
{
    public LoadedSource? FindSource(string id) => Sources.FirstOrDefault(s => s.Id == id);
}

/// <summary>The result of a dry run: what loading the source would give; nothing is kept.</summary>
public sealed record DryRunResult(SourceState State, int EntityCount, ImmutableArray<string> FirstEntities, ImmutableArray<SourceDiagnostic> Diagnostics)
{
    public const int FirstEntitiesShown = 10;
}
