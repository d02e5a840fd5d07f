namespace GitOps.WebhookApi.Status;

/// <summary><c>GET /status</c> (DESIGN §4, docs/COMPONENTS.md). Built by <see cref="StatusEndpoints"/>.</summary>
/// <param name="Mode"><c>ReadWrite</c>, or <c>ReadOnly</c> when the remote cannot be reached.</param>
/// <param name="MutationsMode"><c>Commit</c> or <c>PullRequest</c>.</param>
/// <param name="LastReconcile">The last finished reconcile pass; null before the first.</param>
/// <param name="Plugins">Per plugin, as the last pass found and left it.</param>
internal sealed record StatusResponse(
    string Head,
    string SnapshotHash,
    string Mode,
    string MutationsMode,
    string? LastError,
    HeadErrorView? HeadError,
    LeaderView Leader,
    ReconcileView? LastReconcile,
    ImmutableArray<PluginStatusView> Plugins,
    Secrets.SecretsStatus? Secrets = null,
    VerificationView? Verification = null);

/// <summary>The branch head is invalid and not served; reads stay on the last good snapshot.</summary>
/// <param name="Verification">Set when the head is refused because a commit failed signature verification.</param>
internal sealed record HeadErrorView(string Head, ImmutableArray<ValidationError> Errors, VerificationFailureView? Verification = null);

/// <summary>Signed commits: the mode and the key the service signs with (its public half: to add to allowed signers).</summary>
internal sealed record VerificationView(string Mode, string? ServiceKeyId, string? ServicePublicKey, string? ServicePrincipal);

/// <summary>The commit that failed, why (<c>reason</c> in words, <c>kind</c> = the metric's reason label) and the key that signed it.</summary>
internal sealed record VerificationFailureView(string Commit, string Kind, string Reason, string? KeyId, string? Signer);

/// <param name="Identity">This replica's identity in the Lease.</param>
/// <param name="Enabled">False without Kubernetes (no election: the single replica leads).</param>
internal sealed record LeaderView(string Identity, bool IsLeader, bool Enabled, string? CurrentLeader);

/// <param name="Outcome"><c>Succeeded</c>, <c>Degraded</c> or <c>Failed</c>.</param>
internal sealed record ReconcileView(
    DateTimeOffset StartedAt,
    long DurationMs,
    string Outcome,
    string Reason,
    string? AttemptedHead,
    string? AppliedHead,
    bool ConfigMapsChecked,
    ImmutableArray<string> Actions,
    string? Error);

internal sealed record PluginStatusView(
    string Name,
    string? DesiredHash,
    string? RunningHash,
    string? ConfigMapHash,
    DriftView Drift,
    string? Error);

/// <summary>Which side differed from the repository when the last pass began (it was corrected unless <c>error</c> says otherwise).</summary>
internal sealed record DriftView(bool Plugin, bool ConfigMap);
