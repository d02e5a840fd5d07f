using GitOps.Reconciler.Configuration;
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
            TypedResults.Ok(Build(EntityTags.Snapshot(http), store, remote, pass, election, mutations.Value)));

        api.MapPost("/reconcile", (ReconcileTrigger trigger) => TypedResults.Accepted((string?)null, Reconcile(trigger)))
            .RequireAuthorization(Roles.Operator);
        return api;
    }

    /// <summary>Asks for a reconcile pass now (shared with GraphQL).</summary>
    public static ReconcileAccepted Reconcile(ReconcileTrigger trigger)
    {
        trigger.Request(new ReconcileRequest("api", false));
        return new ReconcileAccepted(true);
    }

    /// <summary>The status report of <c>GET /status</c> (shared with GraphQL).</summary>
    public static StatusResponse Build(ConfigSnapshot snapshot, GitConfigStore store, RemoteState remote, ReconcilePass pass, LeaderElection election, MutationOptions mutations)
    {
        var headError = store.HeadError is { } problem ? new HeadErrorView(problem.Head, problem.Errors) : null;
        var mode = remote.Current;
        var last = pass.Last;
        return new StatusResponse(snapshot.Head, snapshot.Hash, mode.Mode.ToString(), mutations.Mode.ToString(), mode.LastError, headError,
            new LeaderView(election.Identity, election.IsLeader, election.Enabled, election.CurrentLeader),
            last is null ? null : View(last),
            last is null ? [] : [.. last.Plugins.Select(p => new PluginStatusView(p.Name, p.DesiredHash, p.RunningHash, p.ConfigMapHash,
                new DriftView(p.PluginDrifted, p.ConfigMapDrifted), p.Error))]);
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

/// <summary><c>POST /reconcile</c> → 202.</summary>
internal sealed record ReconcileAccepted(bool Requested);
