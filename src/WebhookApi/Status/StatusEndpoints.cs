using GitOps.Reconciler.Kubernetes;
using GitOps.Reconciler.Git.Remote;

namespace GitOps.WebhookApi.Status;

/// <summary><c>GET /status</c> and <c>POST /reconcile</c>.</summary>
internal static class StatusEndpoints
{
    public static RouteGroupBuilder MapStatusEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/status", (HttpContext http, StatusReport report) => TypedResults.Ok(report.Build(EntityTags.Snapshot(http), PluginScope.Of(http))));

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

    internal static ReconcileView View(ReconcileReport report) => new(
        report.StartedAt,
        (long)report.Duration.TotalMilliseconds,
        report.Outcome.ToString(),
        report.Reason,
        report.AttemptedHead,
        report.AppliedHead,
        report.ConfigMapsChecked,
        report.Actions,
        report.Error);

    /// <summary>The pass as a caller limited to some plugins may see it: action texts and the pass error name plugins
    /// (and ConfigMaps named after them), so such a caller gets only the plugin actions of plugins in scope, and the
    /// per-plugin errors through the plugin list.</summary>
    internal static ReconcileView View(ReconcileReport report, PluginScope scope)
    {
        var view = View(report);
        if (scope.SeesEverything) return view;
        return view with
        {
            Actions = [.. report.Actions.Where(a => a.IndexOf(':') is > 0 and var colon && scope.Sees(a[..colon]))],
            Error = report.Error is null ? null : "the pass reported problems; the plugins you may read show theirs",
        };
    }
}

/// <summary><c>POST /reconcile</c> → 202.</summary>
internal sealed record ReconcileAccepted(bool Requested);
