using GitOps.Reconciler.Kubernetes;

namespace GitOps.Reconciler.Reconciliation.Steps;

/// <summary>What one pass has found and done so far; each step reads what the steps before it left and adds its part.</summary>
/// <param name="Reason">What asked for the pass.</param>
/// <param name="FetchRequested">The request asked for a fetch (a push webhook).</param>
/// <param name="Last">What this replica had brought each target to when the pass began.</param>
internal sealed class PassState(string reason, bool fetchRequested, AppliedTargets last)
{
    public string Reason { get; } = reason;

    public bool FetchRequested { get; } = fetchRequested;

    /// <summary>What this replica brought each target to; the observe step forgets ConfigMaps it no longer writes.</summary>
    public AppliedTargets Last { get; set; } = last;

    /// <summary>The snapshot to apply (the branch head, or the last good one when the head is invalid); set by the read step.</summary>
    public ConfigSnapshot? Desired { get; set; }

    /// <summary>The branch head the pass tries to apply (an invalid head included).</summary>
    public string? AttemptedHead { get; set; }

    /// <summary>The managed ConfigMaps; null when they are not ours to check (Kubernetes off, not the leader, not listed).</summary>
    public ImmutableSortedDictionary<string, ManagedConfigMap>? Observed { get; set; }

    public ReconcilePlan? Plan { get; set; }

    /// <summary>Human-readable corrections, in the order they were made.</summary>
    public List<string> Actions { get; } = [];

    public List<ReconcileProblem> Problems { get; } = [];

    /// <summary>The actions that changed their target (a plugin applied or removed, a ConfigMap written or pruned).</summary>
    public List<PlanAction> Done { get; } = [];

    /// <summary>Per plugin, why a target could not be brought in step.</summary>
    public Dictionary<string, TargetFailure> Failures { get; } = new(StringComparer.Ordinal);

    /// <summary>The ConfigMap hash per plugin after a write (null: pruned).</summary>
    public Dictionary<string, string?> ConfigMapAfter { get; } = new(StringComparer.Ordinal);

    /// <summary>A plugin could not be applied or removed: the running plugins do not hold the desired snapshot.</summary>
    public bool PluginFailed { get; set; }

    /// <summary>The per plugin states the report step leaves.</summary>
    public ImmutableArray<PluginReconcileState> Plugins { get; set; } = [];

    public ConfigSnapshot DesiredOrThrow => Desired ?? throw new InvalidOperationException("the read step has not run");

    public ReconcilePlan PlanOrThrow => Plan ?? throw new InvalidOperationException("the plan step has not run");

    public void Fail(string plugin, TargetFailure failure)
    {
        Failures[plugin] = failure;
        Problems.Add(new ReconcileProblem.TargetFailed(plugin, failure));
    }
}
