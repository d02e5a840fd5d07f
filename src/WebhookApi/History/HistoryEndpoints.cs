using System.Text.RegularExpressions;

namespace GitOps.WebhookApi.History;

/// <summary><c>/history</c>: the audit trail (commits touching config), one commit with its diff, and revert.</summary>
internal static partial class HistoryEndpoints
{
    private const int MaxLimit = GitConfigStore.MaxHistoryLimit;

    /// <summary>Set on <c>GET /history</c> when the history is cut short by a missing or damaged commit.</summary>
    public const string HistoryIncompleteHeader = "X-History-Incomplete";

    public static RouteGroupBuilder MapHistoryEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/history", (string? plugin, string? source, string? limit, GitConfigStore store, HttpContext http) =>
        {
            var (count, problem) = QueryParameters.Int(nameof(limit), limit, 50, 1, MaxLimit);
            return problem is not null ? problem : List(store, plugin, source, count, http.Response, PluginScope.Of(http));
        }).ProducesProblems(StatusCodes.Status400BadRequest);

        api.MapGet("/history/{sha}", (string sha, GitConfigStore store, HttpContext http) => Get(store, sha, http.Response, PluginScope.Of(http)))
            .ProducesProblems(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound);

        api.MapPost("/history/{sha}/revert", RevertAsync).RequireAuthorization(Roles.Admin).ProducesProblems(ApiResponses.Commit);
        return api;
    }

    private static async Task<Results<Results<Created<RevertView>, Ok<RevertView>>, Accepted<ProposedChange>, ProblemHttpResult>> RevertAsync(
        string sha, HttpContext http, Mutations mutations)
    {
        var command = Revert(sha);
        if (command.Problem is not null) return command.Problem;
        return await mutations.ApplyAsync(http, command.Change!, (snapshot, committed) => committed
            ? (Results<Created<RevertView>, Ok<RevertView>>)TypedResults.Created($"/api/v1/history/{snapshot.Head}", new RevertView(snapshot.Head, sha))
            : TypedResults.Ok(new RevertView(snapshot.Head, sha)));
    }

    /// <summary>The revert of one commit as a command (shared with GraphQL).</summary>
    public static Command Revert(string sha) =>
        !CommitId().IsMatch(sha)
            ? Command.Refuse(InvalidSha(sha))
            : new Change("history.revert", "", "", $"revert {sha}", (store, request, ct) =>
                store.RevertAsync(sha, request, ct))
            {
                Touches = store => store.GetCommit(sha)?.Entry.ChangedPlugins,
            };

    /// <summary>The history list (shared with GraphQL): the entries, or the problem with the limit. A missing or damaged
    /// commit cuts it short: what could be read, and REST says why in <see cref="HistoryIncompleteHeader"/>.</summary>
    /// <param name="scope">The caller's grants: only commits touching plugins in scope are listed.</param>
    public static Results<Ok<HistoryEntryView[]>, ProblemHttpResult> List(GitConfigStore store, string? plugin, string? source, int? limit, HttpResponse? response, PluginScope scope)
    {
        if (limit is < 1 or > MaxLimit) return Problems.BadRequest($"'limit' must be between 1 and {MaxLimit}");
        var page = store.HistoryWithNote(new HistoryQuery(NullIfEmpty(plugin), NullIfEmpty(source), limit ?? 50, scope.SeesEverything ? null : scope.Sees));
        if (page.Note is { } note && response is not null) response.Headers[HistoryIncompleteHeader] = note.ReplaceLineEndings(" ");
        return TypedResults.Ok(page.Entries.Select(scope.Restrict).OfType<HistoryEntry>().Select(HistoryEntryView.Of).ToArray());
    }

    /// <summary>One commit with its diff (shared with GraphQL). A commit whose parent is missing answers without a diff;
    /// REST says why in <see cref="HistoryIncompleteHeader"/>.</summary>
    public static Results<Ok<CommitView>, ProblemHttpResult> Get(GitConfigStore store, string sha, HttpResponse? response, PluginScope scope)
    {
        if (!CommitId().IsMatch(sha)) return InvalidSha(sha);
        // A commit outside the caller's grants answers like a missing one: its existence is not disclosed.
        if (store.GetCommit(sha) is not { } found || scope.Restrict(found) is not { } details) return Problems.NotFound($"commit '{sha}' does not exist");
        if (details.Note is { } note && response is not null) response.Headers[HistoryIncompleteHeader] = note.ReplaceLineEndings(" ");
        return TypedResults.Ok(CommitView.Of(details));
    }

    private static ProblemHttpResult InvalidSha(string sha) => Problems.BadRequest($"'{sha}' is not a commit sha (4 to 40 hex characters)");

    private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;

    [GeneratedRegex("^[0-9a-fA-F]{4,40}$")]
    private static partial Regex CommitId();
}
