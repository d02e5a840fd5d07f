using GitOps.Reconciler.Search;
using GitOps.WebhookApi.Sources;
using GitOps.WebhookApi.Views;

namespace GitOps.WebhookApi.Search;

/// <summary>GET <c>/search?q=&amp;limit=&amp;cursor=</c>: plugin names, source ids and names, labels and the names of the
/// entities the running sources loaded, in the plugins the caller may read, paged (docs/READ-VIEWS.md).</summary>
internal static class SearchEndpoints
{
    public static RouteGroupBuilder MapSearchEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/search", Search).WithName("Search").ProducesProblems(StatusCodes.Status400BadRequest);
        return api;
    }

    /// <summary>Results per page: when <c>limit</c> is not given, and at most.</summary>
    public const int DefaultLimit = 20, MaxLimit = 200;

    internal static Results<Ok<SearchPage>, ProblemHttpResult> Search(string? q, string? limit, string? cursor, HttpContext http, ReadViews views)
    {
        if (string.IsNullOrWhiteSpace(q)) return BadParameter(nameof(q), "'q' is required: the words to search for");
        if (q.Length > SearchQuery.MaxLength)
            return BadParameter(nameof(q), $"'q' is {q.Length} characters long; at most {SearchQuery.MaxLength} are searched");
        var query = SearchQuery.Parse(q);
        if (query.Words.IsEmpty) return BadParameter(nameof(q), "'q' has no letters or digits to search for");
        var (size, sizeProblem) = QueryParameters.Int(nameof(limit), limit, DefaultLimit, 1, MaxLimit);
        if (sizeProblem is not null) return sizeProblem;
        var offset = 0;
        if (!string.IsNullOrEmpty(cursor) && !EntitiesEndpoints.TryReadToken(cursor, out offset))
            return BadParameter(nameof(cursor), "'cursor' is not a cursor this API issued; start without one and follow nextCursor");

        // The pinned snapshot holds only the plugins the caller may read (Auth/PluginScope), so results stay in scope.
        var snapshot = EntityTags.Snapshot(http);
        var matches = snapshot.Plugins.Values.SelectMany(p => views.SearchIndex(snapshot, p).Find(query));
        // One more than a page tells whether there is a next one without counting every match.
        var page = matches.Skip(offset).Take(size + 1).Select(SearchItem.Of).ToList();
        var next = page.Count > size ? EntitiesEndpoints.WriteToken(offset + size) : null;
        return TypedResults.Ok(new SearchPage([.. page.Take(size)], next));
    }

    private static ProblemHttpResult BadParameter(string name, string detail) =>
        Problems.BadRequest(detail, new Dictionary<string, object?> { ["parameter"] = name });
}

/// <summary>A page of search results in a stable order (plugins by name; in each, the plugin, then each source followed by
/// its labels and entities); <paramref name="NextCursor"/> is null on the last page.</summary>
internal sealed record SearchPage(ImmutableArray<SearchItem> Items, string? NextCursor);

/// <param name="Kind"><c>plugin</c>, <c>source</c>, <c>label</c> or <c>entity</c>.</param>
/// <param name="Source">The source id (absent for a plugin).</param>
/// <param name="Name">What matched: the plugin name, source name, label or entity name.</param>
internal sealed record SearchItem(
    string Kind,
    string Plugin,
    [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)] string? Source,
    string Name)
{
    public static SearchItem Of(SearchHit hit) => new(hit.Kind.ToString().ToLowerInvariant(), hit.Plugin, hit.Source, hit.Name);
}
