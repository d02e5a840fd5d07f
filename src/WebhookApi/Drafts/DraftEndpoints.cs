using GitOps.Reconciler.Git.Drafts;
using GitOps.WebhookApi.Audit;
using Microsoft.Extensions.Options;

namespace GitOps.WebhookApi.Drafts;

/// <summary><c>/drafts</c> (docs/DRAFTS.md): create, list, read, abandon, approve and publish drafts. Editing inside a
/// draft is <c>?draft=</c> on the mutation endpoints (<see cref="Mutations"/>).</summary>
internal static partial class DraftEndpoints
{
    public static RouteGroupBuilder MapDraftEndpoints(this RouteGroupBuilder api)
    {
        api.MapPost("/drafts", CreateAsync).RequireAuthorization(Roles.Operator)
            .ProducesProblems([.. ApiResponses.Body, StatusCodes.Status409Conflict]);
        api.MapGet("/drafts", List).ProducesProblems(StatusCodes.Status400BadRequest);
        api.MapGet("/drafts/{id}", Get).ProducesProblems(StatusCodes.Status404NotFound);
        api.MapDelete("/drafts/{id}", Abandon).RequireAuthorization(Roles.Operator)
            .ProducesProblems(StatusCodes.Status404NotFound, StatusCodes.Status409Conflict);
        api.MapPost("/drafts/{id}/approvals", Approve).RequireAuthorization(Roles.Operator)
            .ProducesProblems(StatusCodes.Status404NotFound, StatusCodes.Status409Conflict);
        api.MapPost("/drafts/{id}:publish", PublishAsync).RequireAuthorization(Roles.Operator)
            .ProducesProblems([.. ApiResponses.Commit, StatusCodes.Status403Forbidden]);
        return api;
    }

    private static async Task<Results<Created<DraftView>, ProblemHttpResult>> CreateAsync(
        HttpContext http, GitConfigStore store, IOptionsMonitor<DraftOptions> options)
    {
        var body = await RequestBody.ReadJsonAsync<CreateDraftBody>(http.Request, RequestBody.Json, http.RequestAborted);
        if (body.Problem is not null) return body.Problem;
        var (title, name, start) = body.Value!;
        if (string.IsNullOrWhiteSpace(title))
            return Problems.InvalidRequest([new ValidationError("", 0, 0, "title", "a draft needs a title")]);
        if (title.Length > 200) return Problems.InvalidRequest([new ValidationError("", 0, 0, "title", "a title has at most 200 characters")]);
        var outcome = store.Drafts.Create(title, name, string.IsNullOrWhiteSpace(start) ? null : start, http.User.Author());
        if (outcome is not DraftOutcome.Done done) return DraftProblems.For(outcome)!;
        EntityTags.Set(http.Response, done.Draft.Head);
        return TypedResults.Created($"/api/v1/drafts/{done.Draft.Id}", DraftView.Of(done.Draft, options.CurrentValue.RequiredApprovals));
    }

    private static Results<Ok<DraftListView>, ProblemHttpResult> List(string? state, HttpContext http, GitConfigStore store, IOptionsMonitor<DraftOptions> options)
    {
        DraftState? filter = null;
        if (!string.IsNullOrEmpty(state))
        {
            if (!Enum.TryParse<DraftState>(state, ignoreCase: true, out var parsed) || !Enum.IsDefined(parsed))
                return Problems.BadRequest($"'state' must be one of {string.Join(", ", Enum.GetNames<DraftState>())}");
            filter = parsed;
        }
        var required = options.CurrentValue.RequiredApprovals;
        return TypedResults.Ok(new DraftListView([.. store.Drafts.List(filter).Where(d => Sees(http, d)).Select(d => DraftView.Of(d, required))]));
    }

    private static Results<Ok<DraftView>, ProblemHttpResult> Get(string id, HttpContext http, GitConfigStore store, IOptionsMonitor<DraftOptions> options)
    {
        if (store.Drafts.Get(id) is not { } draft || !Sees(http, draft)) return DraftProblems.NotFound(id);
        EntityTags.Set(http.Response, draft.Head);
        return TypedResults.Ok(DraftView.Of(draft, options.CurrentValue.RequiredApprovals));
    }

    /// <summary>A caller sees a draft that touches at least one plugin in their scope, one that touches none yet, and their
    /// own; as the history lists only commits touching plugins in scope. Others are answered as if they did not exist.</summary>
    private static bool Sees(HttpContext http, DraftInfo draft)
    {
        var scope = PluginScope.Of(http);
        return scope.SeesEverything || draft.Plugins.IsEmpty || draft.Plugins.Any(scope.Sees) || draft.Record.Author.IsSameAs(http.User.Author());
    }

    private static Results<Ok<DraftView>, ProblemHttpResult> Abandon(string id, HttpContext http, GitConfigStore store, IOptionsMonitor<DraftOptions> options) =>
        Answer<Results<Ok<DraftView>, ProblemHttpResult>>(http, store.Drafts.Abandon(id, http.User.Author(), http.User.IsAdmin()), options,
            (view, _) => TypedResults.Ok(view), problem => problem);

    private static Results<Created<DraftView>, Ok<DraftView>, ProblemHttpResult> Approve(
        string id, HttpContext http, GitConfigStore store, IOptionsMonitor<DraftOptions> options)
    {
        if (store.Drafts.Get(id) is not { } draft) return DraftProblems.NotFound(id);
        if (Grant(http, store, draft, "draft.approve") is { Refusal: { } refusal }) return Problems.Forbidden(refusal);
        return Answer<Results<Created<DraftView>, Ok<DraftView>, ProblemHttpResult>>(http, store.Drafts.Approve(id, http.User.Author()), options,
            (view, changed) => changed ? TypedResults.Created($"/api/v1/drafts/{id}", view) : TypedResults.Ok(view), problem => problem);
    }

    private static async Task<Results<Ok<PublishedDraftView>, Accepted<ProposedChange>, ProblemHttpResult>> PublishAsync(
        string id, HttpContext http, GitConfigStore store, IOptionsMonitor<DraftOptions> options, ILogger<DraftOptions> logger)
    {
        if (store.Drafts.Get(id) is not { } draft) return DraftProblems.NotFound(id);
        var scope = Grant(http, store, draft, "draft.publish");
        if (scope.Grant is null) return Problems.Forbidden(scope.Refusal!);
        var precondition = EntityTags.ParseIfMatch(http.Request);
        if (Mutations.Refuse(precondition, $"Publishing needs If-Match with the draft's ETag (GET /api/v1/drafts/{id}), or If-Match: * to publish whatever it holds now") is { } problem)
            return problem;

        var author = http.User.Author() with { Grant = scope.Grant.ToString() };
        var required = options.CurrentValue.RequiredApprovals;
        var before = store.Current.Head;
        var requestId = RequestIds.Get(http);
        var outcome = await store.Drafts.PublishAsync(id, precondition.ExpectedHead, author, requestId, required, http.RequestAborted);
        var after = outcome is DraftOutcome.Published published ? published.Commit : before;
        var plugins = string.Join(",", draft.Plugins);
        var result = outcome.GetType().Name;
        AuditLog.Mutation(logger, "draft.publish", author.Name, author.Grant ?? "(none)", plugins, "", before, after, requestId, result);
        switch (outcome)
        {
            case DraftOutcome.Published done:
                EntityTags.Set(http.Response, done.Commit);
                return TypedResults.Ok(new PublishedDraftView(done.Commit, DraftView.Of(done.Draft, required)));
            case DraftOutcome.Failed { Outcome: MutationOutcome.Proposed proposed }:
                return TypedResults.Accepted(proposed.PullRequestUrl, new ProposedChange(proposed.PullRequestUrl, proposed.Branch, proposed.Commit));
            case DraftOutcome.Stale stale:
                EntityTags.Set(http.Response, stale.Current);
                return DraftProblems.For(stale)!;
            default:
                return DraftProblems.For(outcome)!;
        }
    }

    /// <summary>The operator role on every plugin the draft touches (on every plugin when it touches none), as for any change.</summary>
    private static ScopeDecision Grant(HttpContext http, GitConfigStore store, DraftInfo draft, string action) =>
        ChangeScope.Check(PluginScope.Of(http), Roles.Operator,
            new Change(action, "", "", draft.Record.Title, (_, _, _) => throw new InvalidOperationException("a scope check runs no change")) { Touches = _ => draft.Plugins },
            store);

    private static TResult Answer<TResult>(
        HttpContext http, DraftOutcome outcome, IOptionsMonitor<DraftOptions> options, Func<DraftView, bool, TResult> success, Func<ProblemHttpResult, TResult> problem)
    {
        if (outcome is not DraftOutcome.Done done) return problem(DraftProblems.For(outcome)!);
        EntityTags.Set(http.Response, done.Draft.Head);
        return success(DraftView.Of(done.Draft, options.CurrentValue.RequiredApprovals), done.Changed);
    }
}
