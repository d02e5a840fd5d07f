using GitOps.Reconciler.Git.Remote;
using GitOps.Reconciler.Kubernetes;
using GitOps.Reconciler.Signing;
using GitOps.WebhookApi.Secrets;

namespace GitOps.WebhookApi.Status;

/// <summary>The status report of <c>GET /status</c>, shared by REST and GraphQL, for the snapshot a request reads.</summary>
internal sealed class StatusReport(
    GitConfigStore store,
    CommitSignatures signatures,
    RemoteState remote,
    ReconcilePass pass,
    LeaderElection election,
    IOptions<MutationOptions> mutations,
    SecretInventory secrets)
{
    /// <param name="scope">The caller's grants: per-plugin status only for plugins in scope.</param>
    public StatusResponse Build(ConfigSnapshot snapshot, PluginScope scope)
    {
        var headError = store.HeadError is { } problem
            ? new HeadErrorView(problem.Head, problem.Errors, problem.Verification is { } v ? new VerificationFailureView(v.Commit, v.Label, v.Reason, v.KeyId, v.Signer) : null)
            : null;
        var signer = signatures.Signer;
        var verification = new VerificationView(signatures.Mode.ToString(), signer?.KeyId, signer?.PublicKey, signer?.Principal);
        var mode = remote.Current;
        var last = pass.Last;
        // A full or read-only data directory makes the store read-only too, whatever the remote says.
        var storage = store.CheckStorage();
        var storeMode = storage is null ? mode.Mode.ToString() : StoreMode.ReadOnly.ToString();
        var lastError = storage?.Message ?? mode.LastError;
        return new StatusResponse(snapshot.Head, snapshot.Hash, storeMode, mutations.Value.Mode.ToString(), lastError, headError,
            new LeaderView(election.Identity, election.IsLeader, election.Enabled, election.CurrentLeader),
            last is null ? null : StatusEndpoints.View(last, scope),
            last is null ? [] : [.. last.Plugins.Where(p => scope.Sees(p.Name)).Select(p => new PluginStatusView(p.Name, p.DesiredHash, p.RunningHash, p.ConfigMapHash,
                new DriftView(p.PluginDrifted, p.ConfigMapDrifted), p.Error))], secrets.Status(snapshot), verification);
    }
}
