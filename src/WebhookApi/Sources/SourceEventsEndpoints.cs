using System.Globalization;
using GitOps.WebhookApi.Versions;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace GitOps.WebhookApi.Sources;

/// <summary><c>GET /plugins/{plugin}/sources/{id}/events</c>: a source's timeline, newest first, paged (docs/DRAFTS.md).</summary>
internal static class SourceEventsEndpoints
{
    private const int MaxLimit = 1000;

    public static IServiceCollection AddSourceEvents(this IServiceCollection services)
    {
        services.AddOptions<SourceEventsOptions>().BindConfiguration(SourceEventsOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton<PluginHost>();
        services.AddSingleton<SourceEventRecorder>();
        services.AddSingleton<SourceEventHistory>();
        return services;
    }

    public static RouteGroupBuilder MapSourceEventEndpoints(this RouteGroupBuilder api)
    {
        // Listening from start-up on, so the start-up pass's transitions are on the timeline.
        _ = ((IEndpointRouteBuilder)api).ServiceProvider.GetRequiredService<SourceEventRecorder>();
        api.MapGet("/plugins/{plugin}/sources/{id}/events", List).WithName("ListSourceEvents")
            .ProducesProblems(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound);
        return api;
    }

    private static Results<Ok<SourceEventsView>, ProblemHttpResult> List(
        string plugin, string id, string? limit, string? cursor, HttpContext http, SourceEventRecorder recorder, SourceEventHistory history)
    {
        var (count, problem) = QueryParameters.Int(nameof(limit), limit, 50, 1, MaxLimit);
        if (problem is not null) return problem;
        var (position, invalid) = PageCursor.Decode(cursor, text => Parse(text) is not null);
        if (invalid is not null) return invalid;

        var events = recorder.For(plugin, id).AddRange(history.For(plugin, id));
        if (events.IsEmpty && EntityTags.Snapshot(http).FindPlugin(plugin)?.FindSource(id) is null)
            return Problems.NotFound($"source '{id}' does not exist in plugin '{plugin}' and has no history");
        var ordered = events.Sort(SourceEvent.NewestFirst);
        if (position is not null && Parse(position) is var (ticks, key))
            ordered = [.. ordered.Where(e => e.IsAfter(ticks, key))];
        var page = ordered.Take(count).ToImmutableArray();
        var next = ordered.Length > count ? PageCursor.Encode(page[^1].Position()) : null;
        return TypedResults.Ok(new SourceEventsView(page, next));
    }

    private static (long Ticks, string Key)? Parse(string position)
    {
        var bar = position.IndexOf('|', StringComparison.Ordinal);
        return bar > 0 && bar < position.Length - 1 && long.TryParse(position.AsSpan(0, bar), NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
            ? (ticks, position[(bar + 1)..])
            : null;
    }
}
