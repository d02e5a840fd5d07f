using GitOps.Reconciler.Kubernetes;

namespace GitOps.Reconciler.Reconciliation;

/// <summary>What the ConfigMaps hold, per plugin: the hash of their actual data and the hash annotation they carry.</summary>
/// <remarks>The data's hash (<c>ContentHash.Of(data)</c>) is what counts, so a ConfigMap edited behind our back differs
/// even if its annotation was left alone; the annotation says which plugin hash it was last written from.</remarks>
internal sealed record TargetObservation(ImmutableDictionary<string, string> HashByPlugin)
{
    /// <summary>The hash annotation per plugin (null annotation: absent); defaults to the data's hash.</summary>
    public ImmutableDictionary<string, string?>? AnnotatedByPlugin { get; init; }

    /// <summary>The observation of listed ConfigMaps.</summary>
    public static TargetObservation Of(ImmutableSortedDictionary<string, ManagedConfigMap> listed)
    {
        ArgumentNullException.ThrowIfNull(listed);
        return new TargetObservation(listed.ToImmutableDictionary(p => p.Key, p => p.Value.ContentHash, StringComparer.Ordinal))
        {
            AnnotatedByPlugin = listed.ToImmutableDictionary(p => p.Key, p => p.Value.AnnotatedHash, StringComparer.Ordinal),
        };
    }

    public string? AnnotationOf(string plugin) =>
        AnnotatedByPlugin is { } annotated ? annotated.GetValueOrDefault(plugin) : HashByPlugin.GetValueOrDefault(plugin);
}

/// <summary>Why a target gets an action. Drift is a target that moved away from what this replica brought it to, not a
/// target behind a new commit.</summary>
internal enum ActionReason
{
    /// <summary>The repository moved on: the target still holds what it was last brought to.</summary>
    Changed,

    /// <summary>The target moved away from what it was last brought to (edited, tampered with or deleted behind our back).</summary>
    Drifted,

    /// <summary>The target has nothing for the plugin and nothing is known to have been there (first pass, new plugin).</summary>
    Missing,

    /// <summary>The plugin is gone from the repository: its running plugin is removed, its ConfigMap pruned.</summary>
    Gone,
}

/// <summary>One plugin as the plan found it, per target.</summary>
/// <param name="ConfigMapHash">What the ConfigMap holds (the annotation when only that differs); null when missing or not checked.</param>
/// <param name="PluginReason">Why the running plugin gets an action; null when it is in step.</param>
/// <param name="ConfigMapReason">Why the ConfigMap gets an action; null when it is in step or not checked.</param>
internal sealed record PluginDrift(
    string Plugin,
    string? DesiredHash,
    string? RunningHash,
    string? ConfigMapHash,
    ActionReason? PluginReason,
    ActionReason? ConfigMapReason)
{
    /// <summary>The running plugin moved away from what was last applied to it.</summary>
    public bool PluginDrifted => PluginReason == ActionReason.Drifted;

    /// <summary>The ConfigMap moved away from what was last written to it.</summary>
    public bool ConfigMapDrifted => ConfigMapReason == ActionReason.Drifted;
}

public enum PlanActionKind
{
    ApplyPlugin,
    RemovePlugin,
    WriteConfigMap,
    PruneConfigMap,
}

/// <summary>One thing the executor does, and why.</summary>
internal sealed record PlanAction(PlanActionKind Kind, string Plugin, ActionReason Reason);

/// <summary>The pure diff of one pass: per plugin drift, and the actions that bring each target back to the desired state.</summary>
/// <param name="ConfigMapsChecked">False when Kubernetes is off or this replica is not the leader: no ConfigMap actions then.</param>
internal sealed record ReconcilePlan(
    ImmutableArray<PluginDrift> Plugins,
    ImmutableArray<PlanAction> Actions,
    bool ConfigMapsChecked);

/// <summary>What this replica last brought each target to, by plugin (plugin hashes): tells a change in the repository
/// apart from drift. ConfigMaps written by another replica are not ours to remember (<see cref="Written"/> empty).</summary>
public sealed record AppliedTargets(ImmutableDictionary<string, string> Applied, ImmutableDictionary<string, string> Written)
{
    public static AppliedTargets None { get; } = new(
        ImmutableDictionary<string, string>.Empty.WithComparers(StringComparer.Ordinal),
        ImmutableDictionary<string, string>.Empty.WithComparers(StringComparer.Ordinal));
}
