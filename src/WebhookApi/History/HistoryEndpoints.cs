using System.Text.RegularExpressions;
using GitOps.Reconciler.Git;
using GitOps.WebhookApi.Auth;
using GitOps.WebhookApi.Http;

namespace GitOps.WebhookApi.History;

/// <summary><c>/history</c>: the audit trail (commits touching config), one commit with its diff, and revert.</summary>
internal static partial class HistoryEndpoints
{
    private const int MaxLimit = GitConfigStore.MaxHistoryLimit;

    public static RouteGroupBuilder MapHistoryEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/history", (string? plugin, string? source, string? limit, GitConfigStore store) =>
        {
            var (count, problem) = QueryParameters.Int(nameof(limit), limit, 50, 1, MaxLimit);
            if (problem is not null) return problem;
            var entries = store.History(new HistoryQuery(NullIfEmpty(plugin), NullIfEmpty(source), count));
            return Results.Ok(entries.Select(HistoryEntryView.Of).ToArray());
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
            store.RevertAsync(sha, request.ExpectedHead, request.Author, request.Reason, request.RequestId, request.ConfirmRemovingEveryPlugin, ct));
        return mutations.ApplyAsync(http, change, (snapshot, committed) => committed
            ? Results.Created($"/api/v1/history/{snapshot.Head}", new RevertView(snapshot.Head, sha))
            : Results.Ok(new RevertView(snapshot.Head, sha)));
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;

    [GeneratedRegex("^[0-9a-fA-F]{4,40}$")]
    private static partial Regex CommitId();
}
