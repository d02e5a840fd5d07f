using GitOps.WebhookApi.Drafts;
using GitOps.Reconciler.Planning;

namespace GitOps.WebhookApi.Plans;

/// <summary><c>POST /plan</c> (operator: a change not yet saved) and <c>GET /drafts/{id}/plan</c> (viewer: what publishing a
/// draft would do), docs/DRAFTS.md "Plan". Both answer a <see cref="Plan"/> cut to the plugins the caller sees.</summary>
internal static class PlanEndpoints
{
    public static IServiceCollection AddPlans(this IServiceCollection services) => services.AddSingleton<Planner>();

    public static RouteGroupBuilder MapPlanEndpoints(this RouteGroupBuilder api)
    {
        api.MapPost("/plan", PlanChangeAsync).WithName("PlanChange").RequireAuthorization(Roles.Operator)
            .Accepts<PlanBody>("application/json").ProducesProblems(ApiResponses.Body);
        api.MapGet("/drafts/{id}/plan", PlanDraftAsync).WithName("PlanDraft").ProducesProblems(StatusCodes.Status404NotFound);
        return api;
    }

    private static async Task<Results<Ok<Plan>, ProblemHttpResult>> PlanChangeAsync(HttpContext http, Planner planner)
    {
        var raw = await RequestBody.ReadRawAsync(http.Request, RequestBody.Json, http.RequestAborted);
        if (raw.Problem is not null) return raw.Problem;
        var parsed = RequestBody.ParseJson<JsonElement>(raw.Value);
        if (parsed.Problem is not null) return parsed.Problem;
        var (body, errors) = PlanBody.Read(parsed.Value);
        if (body is null) return Problems.InvalidRequest(errors);
        var scope = PluginScope.Of(http);
        foreach (var plugin in body.Files!.Keys.Select(p => p.Split('/')[1]).Distinct(StringComparer.Ordinal))
        {
            if (scope.Allowing(Roles.Operator, plugin) is not null) continue;
            var shown = scope.Sees(plugin) ? $"plugin '{plugin}'" : "a plugin outside your grants";
            return Problems.Forbidden($"The change touches {shown}; planning it needs the {Roles.Operator} role on every plugin it touches");
        }
        return Answer(await planner.PlanChangeAsync(body.Base, body.Changes(), scope.Sees, http.RequestAborted));
    }

    private static async Task<Results<Ok<Plan>, ProblemHttpResult>> PlanDraftAsync(string id, HttpContext http, Planner planner) =>
        Answer(await planner.PlanDraftAsync(id, PluginScope.Of(http).Sees, http.RequestAborted));

    private static Results<Ok<Plan>, ProblemHttpResult> Answer(PlanOutcome outcome) => outcome switch
    {
        PlanOutcome.Planned planned => TypedResults.Ok(planned.Plan),
        PlanOutcome.DraftNotFound missing => Problems.Create(StatusCodes.Status404NotFound, DraftProblems.NotFoundType, "Draft not found",
            $"There is no draft '{missing.Id}' (no branch drafts/{missing.Id})"),
        PlanOutcome.CommitNotFound commit => Problems.InvalidRequest([PlanBody.Error("base", $"'{commit.Commit}' is not a commit of the repository")]),
        PlanOutcome.InvalidPath path => Problems.InvalidRequest([PlanBody.Error($"files.{path.Path}", path.Reason)]),
        _ => throw new InvalidOperationException("unmapped plan outcome"),
    };
}
