using GitOps.WebhookApi.Runtime;

namespace GitOps.WebhookApi.Sources;

/// <summary>POST <c>/plugins/{plugin}/sources/{id}/refresh</c>: re-read one source from the request's snapshot,
/// rate-limited per source (DESIGN §4).</summary>
internal static class SourceRefreshEndpoints
{
    public static RouteGroupBuilder MapSourceRefreshEndpoints(this RouteGroupBuilder api)
    {
        api.MapPost("/plugins/{plugin}/sources/{id}/refresh", (string plugin, string id, HttpContext http, PluginHost host, RefreshRateLimiter limiter) =>
                RefreshAsync(plugin, id, EntityTags.Snapshot(http), host, limiter, http, http.RequestAborted))
            .WithName("RefreshSource").RequireAuthorization(Roles.Operator)
            .ProducesProblems(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound, StatusCodes.Status429TooManyRequests);
        return api;
    }

    /// <summary>The refresh of one source (shared with GraphQL) on the caller's snapshot.</summary>
    internal static async Task<Results<Ok<SourceStatusResponse>, ProblemHttpResult>> RefreshAsync(
        string plugin, string id, ConfigSnapshot snapshot, PluginHost host, RefreshRateLimiter limiter, HttpContext context, CancellationToken cancellationToken)
    {
        if (snapshot.FindPlugin(plugin) is not { } found)
            return RefreshAnswers.NotFound(host.Metrics, RefreshScope.Source, $"plugin '{plugin}' does not exist");
        if (found.FindSource(id) is not { } source)
            return RefreshAnswers.NotFound(host.Metrics, RefreshScope.Source, $"source '{id}' does not exist in plugin '{plugin}'");
        if (host.Providers.Find(source.Type) is { SupportsSourceRefresh: false })
        {
            host.Metrics.CountRefresh(RefreshScope.Source, RefreshOutcome.Error);
            return Problems.BadRequest($"sources of type '{source.Type}' cannot be refreshed alone; refresh plugin '{plugin}'");
        }
        if (limiter.TryAcquire(RefreshScope.Source, $"{plugin}/{id}") is RateDecision.Limited limited)
            return RefreshAnswers.RateLimited(host.Metrics, context, RefreshScope.Source, $"source '{id}' of plugin '{plugin}' was refreshed recently", limited);
        var loaded = await host.RefreshSourceAsync(found, id, cancellationToken);
        if (loaded is null) return RefreshAnswers.NotFound(host.Metrics, RefreshScope.Source, $"source '{id}' does not exist in plugin '{plugin}'");
        host.Metrics.CountRefresh(RefreshScope.Source, loaded.Status.State == SourceState.Error ? RefreshOutcome.Error : RefreshOutcome.Ok);
        return TypedResults.Ok(SourceStatusResponse.From(loaded));
    }
}
