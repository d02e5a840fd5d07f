using GitOps.WebhookApi.Http;
using GitOps.Reconciler.Git;
using GitOps.Reconciler.Plugins;

namespace GitOps.WebhookApi.Runtime;

/// <summary>POST <c>/plugins/{plugin}/refresh</c> and <c>/plugins/{plugin}/sources/{id}/refresh</c>: re-read from the
/// current snapshot, rate-limited per plugin and per source (DESIGN §4).</summary>
internal static class RefreshEndpoints
{
    public static void MapRefreshEndpoints(this RouteGroupBuilder plugin)
    {
        plugin.MapPost("/refresh", RefreshPluginAsync).WithName("RefreshPlugin");
        plugin.MapPost("/sources/{id}/refresh", RefreshSourceAsync).WithName("RefreshSource");
    }

    internal static async Task<IResult> RefreshPluginAsync(
        string plugin, GitConfigStore store, PluginHost host, RefreshRateLimiter limiter, HttpContext context, CancellationToken cancellationToken)
    {
        if (store.Current.FindPlugin(plugin) is not { } snapshot)
            return NotFound(host, RefreshScope.Plugin, $"plugin '{plugin}' does not exist");
        if (limiter.TryAcquire(RefreshScope.Plugin, plugin) is RateDecision.Limited limited)
            return RateLimited(host, context, RefreshScope.Plugin, $"plugin '{plugin}' was refreshed recently", limited);
        var running = await host.RefreshPluginAsync(snapshot, cancellationToken);
        var failed = running.Sources.Any(s => s.Status.State == SourceState.Error);
        host.Metrics.CountRefresh(RefreshScope.Plugin, failed ? RefreshOutcome.Error : RefreshOutcome.Ok);
        return Results.Ok(running.Sources.Select(SourceStatusResponse.From).ToList());
    }

    internal static async Task<IResult> RefreshSourceAsync(
        string plugin, string id, GitConfigStore store, PluginHost host, RefreshRateLimiter limiter, HttpContext context, CancellationToken cancellationToken)
    {
        if (store.Current.FindPlugin(plugin) is not { } snapshot)
            return NotFound(host, RefreshScope.Source, $"plugin '{plugin}' does not exist");
        if (snapshot.FindSource(id) is not { } source)
            return NotFound(host, RefreshScope.Source, $"source '{id}' does not exist in plugin '{plugin}'");
        if (host.Providers.Find(source.Type) is { SupportsSourceRefresh: false })
        {
            host.Metrics.CountRefresh(RefreshScope.Source, RefreshOutcome.Error);
            return Problems.BadRequest($"sources of type '{source.Type}' cannot be refreshed alone; refresh plugin '{plugin}'");
        }
        if (limiter.TryAcquire(RefreshScope.Source, $"{plugin}/{id}") is RateDecision.Limited limited)
            return RateLimited(host, context, RefreshScope.Source, $"source '{id}' of plugin '{plugin}' was refreshed recently", limited);
        var loaded = await host.RefreshSourceAsync(snapshot, id, cancellationToken);
        if (loaded is null) return NotFound(host, RefreshScope.Source, $"source '{id}' does not exist in plugin '{plugin}'");
        host.Metrics.CountRefresh(RefreshScope.Source, loaded.Status.State == SourceState.Error ? RefreshOutcome.Error : RefreshOutcome.Ok);
        return Results.Ok(SourceStatusResponse.From(loaded));
    }

    private static IResult NotFound(PluginHost host, RefreshScope scope, string detail)
    {
        host.Metrics.CountRefresh(scope, RefreshOutcome.NotFound);
        return Problems.NotFound(detail);
    }

    private static IResult RateLimited(PluginHost host, HttpContext context, RefreshScope scope, string detail, RateDecision.Limited limited)
    {
        host.Metrics.CountRefresh(scope, RefreshOutcome.RateLimited);
        return Problems.RateLimited(context, $"{detail}; retry in {limited.RetryAfterSeconds} s", limited.RetryAfterSeconds);
    }
}
