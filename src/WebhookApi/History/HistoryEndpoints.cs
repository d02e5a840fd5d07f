using System.Text.RegularExpressions;
using GitOps.Reconciler.Git;
using GitOps.WebhookApi.Auth;
using GitOps.WebhookApi.Http;

namespace GitOps.WebhookApi.History;

/// <summary><c>/history</c>: the audit trail (commits touching config), one commit with its diff, and revert.</summary>
internal static partial class HistoryEndpoints
{
    private const int MaxLimit = GitConfigStore.MaxHistoryLimit;

    /// <summary>Set on <c>GET /history</c> when the history is cut short by a missing or damaged commit.</summary>
    public const string HistoryIncompleteHeader = "X-History-Incomplete";

    public static RouteGroupBuilder MapHistoryEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/history", (string? plugin, string? source, int? limit, GitConfigStore store, HttpContext http) =>
        {
            if (limit is < 1 or > MaxLimit) return Problems.BadRequest($"'limit' must be between 1 and {MaxLimit}");
            var page = store.HistoryWithNote(new HistoryQuery(NullIfEmpty(plugin), NullIfEmpty(source), limit ?? 50));
            // A missing or damaged commit cuts the history short: what could be read, and a note saying why (issue 11).
            if (page.Note is { } note) http.Response.Headers[HistoryIncompleteHeader] = note.ReplaceLineEndings(" ");
            return Results.Ok(page.Entries.Select(HistoryEntryView.Of).ToArray());
        });

        api.MapGet("/history/{sha}", (string sha, GitConfigStore store) =>
            !CommitId().IsMatch(sha) ? Problems.BadRequest($"'{sha}' is not a commit sha (4 to 40 hex characters)")
            : store.GetCommit(sha) is { } details ? Results.Ok(CommitView.Of(details))
            : Problems.NotFound($"commit '{sha}' does not exist"));

        api.MapPost("/history/{sha}/revert", RevertAsync).RequireAuthorization(Roles.Admin);
        return api;
    }

    private static Task<IResult> RevertAsync(string sha, HttpContext http, Mutations mutations)
    {
        if (!CommitId().IsMatch(sha)) return Task.FromResult(Problems.BadRequest($"'{sha}' is not a commit sha (4 to 40 hex characters)"));
        var change = new Change("history.revert", "", "", $"revert {sha}", (store, request, ct) =>
            store.RevertAsync(sha, request.ExpectedHead, request.Author, request.Reason, request.RequestId, ct));
        return mutations.ApplyAsync(http, change, (snapshot, committed) => committed
            ? Results.Created($"/api/v1/history/{snapshot.Head}", new RevertView(snapshot.Head, sha))
            : Results.Ok(new RevertView(snapshot.Head, sha)));
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;

    [GeneratedRegex("^[0-9a-fA-F]{4,40}$")]
    private static partial Regex CommitId();
}
