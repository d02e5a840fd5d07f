using GitOps.WebhookApi.Runtime;

namespace GitOps.WebhookApi.Plugins;

/// <summary>POST <c>/plugins/{plugin}/refresh</c>: re-read every source of a plugin from the request's snapshot,
/// rate-limited per plugin (DESIGN §4).</summary>
internal static class PluginRefreshEndpoints
{
    public static RouteGroupBuilder MapPluginRefreshEndpoints(this RouteGroupBuilder api)
    {
        api.MapPost("/plugins/{plugin}/refresh", (string plugin, HttpContext http, PluginHost host, RefreshRateLimiter limiter) =>
                RefreshAsync(plugin, EntityTags.Snapshot(http), host, limiter, http, http.RequestAborted))
            .WithName("RefreshPlugin").RequireAuthorization(Roles.Operator)
            .ProducesProblems(StatusCodes.Status404NotFound, StatusCodes.Status429TooManyRequests);
        return api;
    }

    /// <summary>The refresh of a whole plugin (shared with GraphQL) on the caller's snapshot.</summary>
    internal static async Task<Results<Ok<List<SourceStatusResponse>>, ProblemHttpResult>> RefreshAsync(
        string plugin, ConfigSnapshot snapshot, PluginHost host, RefreshRateLimiter limiter, HttpContext context, CancellationToken cancellationToken)
    {
        if (snapshot.FindPlugin(plugin) is not { } found)
            return RefreshAnswers.NotFound(host.Metrics, RefreshScope.Plugin, $"plugin '{plugin}' does not exist");
        if (limiter.TryAcquire(RefreshScope.Plugin, plugin) is RateDecision.Limited limited)
            return RefreshAnswers.RateLimited(host.Metrics, context, RefreshScope.Plugin, $"plugin '{plugin}' was refreshed recently", limited);
        var running = await host.RefreshPluginAsync(found, cancellationToken);
        var failed = running.Sources.Any(s => s.Status.State == SourceState.Error);
        host.Metrics.CountRefresh(RefreshScope.Plugin, failed ? RefreshOutcome.Error : RefreshOutcome.Ok);
        return TypedResults.Ok(running.Sources.Select(SourceStatusResponse.From).ToList());
    }
}
