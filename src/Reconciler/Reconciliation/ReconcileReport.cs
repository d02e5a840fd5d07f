namespace GitOps.Reconciler.Reconciliation;

public enum ReconcileOutcome
{
    /// <summary>Every target matches the desired snapshot.</summary>
    Succeeded,

    /// <summary>The pass ran but something is not in step: a plugin or ConfigMap failed, the API server or remote could
    /// not be reached, or the branch head is invalid (the last good snapshot stays applied).</summary>
    Degraded,

    /// <summary>The pass could not run (an unexpected error); nothing after the failure was done.</summary>
    Failed,
}

/// <summary>One plugin as the pass found and left it.</summary>
/// <param name="DesiredHash">The plugin hash in the repository; null when the plugin is gone from it.</param>
/// <param name="RunningHash">The running plugin's applied hash after the pass; null when not running.</param>
/// <param name="ConfigMapHash">The hash the ConfigMap holds after the pass; null when missing or not checked (not the leader).</param>
/// <param name="PluginDrifted">Drift when the pass began: the running plugin had moved away from what was last applied to it
/// (a running plugin merely behind a new commit is not drift).</param>
/// <param name="ConfigMapDrifted">Drift when the pass began: the ConfigMap's content had moved away from what was last written
/// (edited or deleted behind our back); a ConfigMap merely behind a new commit is not drift.</param>
/// <param name="Failure">Why a target of this plugin could not be brought in step, or null.</param>
public sealed record PluginReconcileState(
    string Name,
    string? DesiredHash,
    string? RunningHash,
    string? ConfigMapHash,
    bool PluginDrifted,
    bool ConfigMapDrifted,
    TargetFailure? Failure)
{
    /// <summary>The failure as status shows it (e.g. <c>TooLarge: …</c>), or null.</summary>
    public string? Error => Failure?.Message;
}

/// <summary>What one reconcile pass did (DESIGN §6 step 5), as <c>GET /status</c> shows it.</summary>
/// <param name="Reason">What asked for the pass (start-up, interval, commit, webhook, api, leader).</param>
/// <param name="AttemptedHead">The branch head the pass tried to apply (an invalid head included).</param>
/// <param name="AppliedHead">The head whose snapshot the running plugins hold after the pass (the last good one); null before any.</param>
/// <param name="ConfigMapsChecked">False when Kubernetes is off or this replica is not the leader.</param>
/// <param name="Actions">Human-readable corrections, e.g. <c>configmap gitops-models: DriftCorrected (Data)</c>.</param>
/// <param name="Problems">Why the pass is not <see cref="ReconcileOutcome.Succeeded"/>, in the order found; empty when it is.</param>
public sealed record ReconcileReport(
    string Reason,
    DateTimeOffset StartedAt,
    TimeSpan Duration,
    ReconcileOutcome Outcome,
    string? AttemptedHead,
    string? AppliedHead,
    string? SnapshotHash,
    bool ConfigMapsChecked,
    ImmutableArray<string> Actions,
    ImmutableArray<PluginReconcileState> Plugins,
    ImmutableArray<ReconcileProblem> Problems)
{
    /// <summary>The problems as status shows them, joined with "; "; null when there are none.</summary>
    public string? Error => Problems.IsDefaultOrEmpty ? null : string.Join("; ", Problems.Select(p => p.Message));
}
