using GitOps.WebhookApi.History;

namespace GitOps.WebhookApi.Versions;

/// <summary><c>GET /plugins/{plugin}/versions</c> and <c>POST /plugins/{plugin}:rollback</c> (docs/DRAFTS.md).</summary>
internal static class VersionEndpoints
{
    private const int MaxLimit = GitConfigStore.MaxHistoryLimit - 1;

    public static RouteGroupBuilder MapVersionEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/plugins/{plugin}/versions", List).WithName("ListPluginVersions")
            .ProducesProblems(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound);
        api.MapPost("/plugins/{plugin}:rollback", RollbackAsync).WithName("RollbackPlugin").RequireAuthorization(Roles.Admin)
            .Accepts<RollbackBody>("application/json").ProducesProblems([.. ApiResponses.Body, .. ApiResponses.Commit]);
        return api;
    }

    private static Results<Ok<VersionsView>, ProblemHttpResult> List(
        string plugin, string? limit, string? cursor, HttpContext http, GitConfigStore store, ReconcilePass pass)
    {
        var (count, problem) = QueryParameters.Int(nameof(limit), limit, 50, 1, MaxLimit);
        if (problem is not null) return problem;
        var (after, invalid) = PageCursor.Decode(cursor, sha => sha.Length == 40 && sha.All(char.IsAsciiHexDigit) && store.HasCommit(sha));
        if (invalid is not null) return invalid;

        // One more than asked: whether there is a next page.
        var entries = store.PluginVersions(plugin, count + 1, after).Entries;
        if (entries.IsEmpty && after is null && EntityTags.Snapshot(http).FindPlugin(plugin) is null)
            return Problems.NotFound($"plugin '{plugin}' does not exist and never did");
        var applied = pass.AppliedHead is { } head ? store.PluginVersionAt(plugin, head) : null;
        var versions = entries.Take(count)
            .Select(e => new VersionView(e.Sha, e.Summary, new AuthorView(e.AuthorName, e.AuthorEmail), e.Time, e.Sha == applied))
            .ToImmutableArray();
        // A branch under drafts/ is a draft the draft store knows (its title and state), or one pushed by hand (its id).
        var drafts = store.DraftsTouching(plugin)
            .Select(d => store.Drafts.Record(d.Id) is { } record
                ? new DraftRefView(d.Id, record.Title, d.Head, record.State.ToString())
                : new DraftRefView(d.Id, d.Id, d.Head, "Open"))
            .Where(d => d.State == "Open")
            .ToImmutableArray();
        var next = entries.Length > count ? PageCursor.Encode(versions[^1].Sha) : null;
        return TypedResults.Ok(new VersionsView(plugin, applied, versions, drafts, next));
    }

    private static async Task<Results<Ok<RollbackView>, Accepted<ProposedChange>, ProblemHttpResult>> RollbackAsync(
        string plugin, HttpContext http, Mutations mutations, GitConfigStore store)
    {
        var body = await RequestBody.ReadJsonAsync<RollbackBody>(http.Request, RequestBody.Json, http.RequestAborted);
        if (body.Problem is not null) return body.Problem;
        var command = RollbackCommand.Create(store, plugin, body.Value!.To, out var to);
        if (command.Problem is not null) return command.Problem;
        return await mutations.ApplyAsync(http, command.Change!, (snapshot, _) => TypedResults.Ok(new RollbackView(snapshot.Head, to)));
    }
}
