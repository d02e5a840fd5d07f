using System.Collections.Immutable;

namespace GitOps.Reconciler.Reconciliation;

/// <summary>What one target holds for a plugin: the hash of what is actually there (not what it claims).</summary>
/// <remarks>For a ConfigMap this is <c>ContentHash.Of(data)</c>, so a ConfigMap edited behind our back drifts even if
/// its hash annotation was left alone. Null hash = the target has nothing for that plugin.</remarks>
internal sealed record TargetObservation(ImmutableDictionary<string, string> HashByPlugin);

/// <summary>The drift of one plugin, per target.</summary>
internal sealed record PluginDrift(
    string Plugin,
    string? DesiredHash,
    string? RunningHash,
    string? ConfigMapHash,
    bool PluginDrifted,
    bool ConfigMapDrifted);

internal enum PlanActionKind
{
    ApplyPlugin,
    RemovePlugin,
    WriteConfigMap,
    PruneConfigMap,
}

internal sealed record PlanAction(PlanActionKind Kind, string Plugin);

/// <summary>The pure diff of one pass: per plugin drift, and the actions that bring each target back to the desired state.</summary>
/// <param name="ConfigMapsChecked">False when Kubernetes is off or this replica is not the leader: no ConfigMap actions then.</param>
internal sealed record ReconcilePlan(
    ImmutableArray<PluginDrift> Plugins,
    ImmutableArray<PlanAction> Actions,
    bool ConfigMapsChecked);
