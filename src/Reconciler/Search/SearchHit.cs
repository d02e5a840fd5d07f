namespace GitOps.Reconciler.Search;

/// <summary>What a search result names.</summary>
public enum SearchKind
{
    Plugin,
    Source,
    Label,
    Entity,
}

/// <summary>One search result: a plugin, a source (by id or name), a label of a source, or an entity a source loaded.</summary>
/// <param name="Source">The source id; null for a plugin.</param>
/// <param name="Name">What matched, as written: the plugin name, the source name, the label, the entity name.</param>
public sealed record SearchHit(SearchKind Kind, string Plugin, string? Source, string Name);
