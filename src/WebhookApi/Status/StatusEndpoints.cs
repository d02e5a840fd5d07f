using GitOps.Reconciler.Git;
using GitOps.Reconciler.Kubernetes;
using GitOps.Reconciler.Git.Remote;
using GitOps.Reconciler.Reconciliation;
using GitOps.WebhookApi.Auth;
using GitOps.WebhookApi.Http;
using Microsoft.Extensions.Options;

namespace GitOps.WebhookApi.Status;

/// <summary><c>GET /status</c> and <c>POST /reconcile</c>.</summary>
internal static class StatusEndpoints
{
    public static RouteGroupBuilder MapStatusEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/status", (HttpContext http, GitConfigStore store, RemoteState remote, ReconcilePass pass, LeaderElection election, IOptions<MutationOptions> mutations) =>
        {
            var snapshot = EntityTags.Snapshot(http);
            var headError = store.HeadError is { } problem ? new HeadErrorView(problem.Head, problem.Errors) : null;
            var mode = remote.Current;
            var last = pass.Last;
            // A full or read-only data directory makes the store read-only too, whatever the remote says.
            var storage = store.CheckStorage();
            var storeMode = storage is null ? mode.Mode.ToString() : StoreMode.ReadOnly.ToString();
            var lastError = storage?.Message ?? mode.LastError;
            return TypedResults.Ok(new StatusResponse(snapshot.Head, snapshot.Hash, storeMode, mutations.Value.Mode.ToString(), lastError, headError,
                new LeaderView(election.Identity, election.IsLeader, election.Enabled, election.CurrentLeader),
                last is null ? null : View(last),
                last is null ? [] : [.. last.Plugins.Select(p => new PluginStatusView(p.Name, p.DesiredHash, p.RunningHash, p.ConfigMapHash,
                    new DriftView(p.PluginDrifted, p.ConfigMapDrifted), p.Error))]));
        });

        api.MapPost("/reconcile", (ReconcileTrigger trigger) =>
        {
            trigger.Request(new ReconcileRequest("api", false));
            return TypedResults.Accepted((string?)null, new { requested = true });
        }).RequireAuthorization(Roles.Operator);
        return api;
    }

    private static ReconcileView View(ReconcileReport report) => new(
        report.StartedAt,
        (long)report.Duration.TotalMilliseconds,
        report.Outcome.ToString(),
        report.Reason,
        report.AttemptedHead,
        report.AppliedHead,
        report.ConfigMapsChecked,
        report.Actions,
        report.Error);
}
