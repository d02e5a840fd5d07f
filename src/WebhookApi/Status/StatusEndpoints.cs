using GitOps.Reconciler.Git;
using GitOps.Reconciler.Git.Remote;
using GitOps.Reconciler.Reconciliation;
using GitOps.WebhookApi.Auth;
using GitOps.WebhookApi.Http;

namespace GitOps.WebhookApi.Status;

/// <summary><c>GET /status</c> and <c>POST /reconcile</c>.</summary>
internal static class StatusEndpoints
{
    public static RouteGroupBuilder MapStatusEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/status", (HttpContext http, GitConfigStore store, RemoteState remote, IConfiguration configuration) =>
        {
            var snapshot = EntityTags.Snapshot(http);
            var headError = store.HeadError is { } problem ? new HeadErrorView(problem.Head, problem.Errors) : null;
            var mode = remote.Current;
            return TypedResults.Ok(new StatusResponse(snapshot.Head, snapshot.Hash, mode.Mode.ToString(),
                configuration["GitOps:Mutations:Mode"] ?? "Commit", mode.LastError, headError));
        });

        api.MapPost("/reconcile", (ReconcileTrigger trigger) =>
        {
            trigger.Request(new ReconcileRequest("api", false));
            return TypedResults.Accepted((string?)null, new { requested = true });
        }).RequireAuthorization(Roles.Operator);
        return api;
    }
}
