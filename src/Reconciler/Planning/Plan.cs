using System.Text.Json.Nodes;

namespace GitOps.Reconciler.Planning;

/// <summary>Added, Removed or Changed: how a plugin, a source or a ConfigMap key differs between the two sides of a plan.</summary>
public enum PlanChange
{
    Added,
    Removed,
    Changed,
}

/// <summary>What a change would do (docs/DRAFTS.md, "Plan"): per plugin with a change, its sources field by field, the entity
/// counts before and after, the ConfigMap keys whose content changes; and the validation errors of the result.</summary>
/// <param name="Base">The commit the change is compared with (the tracked head for a draft).</param>
/// <param name="Head">The draft's head, or the pull request's head; null for a change not yet committed.</param>
/// <param name="Valid">Whether the result passes validation, i.e. would be accepted as a commit.</param>
/// <param name="Errors">Validation errors of the result, then sources that fail to load; sorted by file, line, column.</param>
public sealed record Plan(
    string Base,
    string? Head,
    bool Valid,
    ImmutableArray<PlanError> Errors,
    ImmutableArray<PluginPlan> Plugins,
    PlanSummary Summary);

/// <summary>A validation error, or a source that fails to load (then <see cref="Field"/> names the source entry).</summary>
public sealed record PlanError(string File, int Line, int Column, string Field, string Message);

/// <summary>One plugin with a change. <see cref="Sources"/> lists only sources with a change; <see cref="Entities"/> covers
/// every source of the plugin. An invalid plugin lists no sources and no ConfigMap keys (its errors say why).</summary>
/// <param name="Config">Changes of the plugin's free-form <c>config:</c> block (paths start with <c>config</c>).</param>
public sealed record PluginPlan(
    string Plugin,
    PlanChange Change,
    ImmutableArray<SourcePlan> Sources,
    EntityCounts Entities,
    ImmutableArray<ConfigMapKeyChange> ConfigMaps,
    ImmutableArray<FieldChange> Config);

/// <summary>One source with a change. <see cref="Fields"/> are the changed fields of its entry (none for an added or removed
/// source); <see cref="Files"/> the files it refers to whose content changed; <see cref="Secrets"/> the secrets it refers to
/// whose stored value changed.</summary>
public sealed record SourcePlan(
    string Id,
    PlanChange Change,
    ImmutableArray<FieldChange> Fields,
    ImmutableArray<string> Files,
    ImmutableArray<string> Secrets,
    EntityCounts Entities);

/// <summary>One changed field: a JSON-ish path (<c>properties.yamlCatalogPath</c>, <c>labels</c>) and its values; a value is
/// null on the side where the field is absent. Lists are compared whole.</summary>
public sealed record FieldChange(string Path, JsonNode? Before, JsonNode? After);

/// <summary>Entity counts on each side; 0 on the side where the source (or plugin) does not exist, null when it cannot be
/// loaded or counted.</summary>
public sealed record EntityCounts(int? Before, int? After)
{
    public int? Delta => Before is { } b && After is { } a ? a - b : null;
}

/// <summary>A key (a file of the plugin folder) of one of the plugin's ConfigMaps whose content would change.</summary>
public sealed record ConfigMapKeyChange(string Name, string Key, PlanChange Change);

/// <summary>Totals over <see cref="Plan.Plugins"/>; entity totals add the counts that are known.</summary>
public sealed record PlanSummary(int Plugins, int SourcesAdded, int SourcesRemoved, int SourcesChanged, int EntitiesBefore, int EntitiesAfter)
{
    public static PlanSummary Of(IReadOnlyCollection<PluginPlan> plugins) => new(
        plugins.Count,
        plugins.Sum(p => p.Sources.Count(s => s.Change == PlanChange.Added)),
        plugins.Sum(p => p.Sources.Count(s => s.Change == PlanChange.Removed)),
        plugins.Sum(p => p.Sources.Count(s => s.Change == PlanChange.Changed)),
        plugins.Sum(p => p.Entities.Before ?? 0),
        plugins.Sum(p => p.Entities.After ?? 0));
}
