using System.Text.Json.Nodes;
using GitOps.WebhookApi.Views;

namespace GitOps.WebhookApi.Sources;

/// <summary><c>/plugins/{plugin}/sources</c>: list, get, add, replace, merge-patch, delete; then the source's runtime
/// endpoints (dry run, refresh, entities). Each endpoint names its role here; the <c>/api/v1</c> group requires viewer.</summary>
internal static class SourceEndpoints
{
    public static RouteGroupBuilder MapSourceEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/plugins/{plugin}/sources", (string plugin, HttpContext http, ReadViews views) => views.Sources(http, plugin))
            .Produces<SourceView[]>().Produces(StatusCodes.Status304NotModified).ProducesProblems(StatusCodes.Status404NotFound);
        api.MapGet("/plugins/{plugin}/sources/{id}", Get).ProducesProblems(StatusCodes.Status404NotFound);

        api.MapPost("/plugins/{plugin}/sources", AddAsync).RequireAuthorization(Roles.Admin).Accepts<SourceBody>("application/json")
            .ProducesProblems([.. ApiResponses.Body, .. ApiResponses.Commit]);
        api.MapPut("/plugins/{plugin}/sources/{id}", ReplaceAsync).RequireAuthorization(Roles.Admin).Accepts<SourceBody>("application/json")
            .ProducesProblems([.. ApiResponses.Body, .. ApiResponses.Commit]);
        api.MapPatch("/plugins/{plugin}/sources/{id}", PatchAsync).RequireAuthorization(Roles.Operator)
            .Accepts<SourceBody>("application/merge-patch+json", "application/json")
            .ProducesProblems([.. ApiResponses.Body, .. ApiResponses.Commit]);
        api.MapDelete("/plugins/{plugin}/sources/{id}", DeleteAsync).RequireAuthorization(Roles.Admin).ProducesProblems(ApiResponses.Commit);

        api.MapSourceTestEndpoints();
        api.MapSourceRefreshEndpoints();
        api.MapEntitiesEndpoints();
        return api;
    }

    private static Results<Ok<SourceView>, ProblemHttpResult> Get(string plugin, string id, HttpContext http, PluginHost host) =>
        EntityTags.Snapshot(http).FindPlugin(plugin) is not { } p ? Problems.NotFound($"plugin '{plugin}' does not exist")
        : p.FindSource(id) is { } s ? TypedResults.Ok(SourceView.Of(p, s, host))
        : Problems.NotFound($"source '{id}' does not exist in plugin '{plugin}'");

    private static async Task<Results<Created<SourceView>, Accepted<ProposedChange>, ProblemHttpResult>> AddAsync(
        string plugin, HttpContext http, Mutations mutations, PluginHost host)
    {
        var body = await RequestBody.ReadJsonAsync<SourceBody>(http.Request, RequestBody.Json, http.RequestAborted);
        if (body.Problem is not null) return body.Problem;
        var command = SourceCommands.Add(plugin, body.Value!);
        if (command.Problem is not null) return command.Problem;
        var id = command.Change!.Source;
        return await mutations.ApplyAsync(http, command.Change, (snapshot, _) =>
            TypedResults.Created($"/api/v1/plugins/{plugin}/sources/{id}", View(snapshot, plugin, id, host)!));
    }

    private static async Task<Results<Ok<SourceView>, Accepted<ProposedChange>, ProblemHttpResult>> ReplaceAsync(
        string plugin, string id, HttpContext http, Mutations mutations, PluginHost host)
    {
        var body = await RequestBody.ReadJsonAsync<SourceBody>(http.Request, RequestBody.Json, http.RequestAborted);
        if (body.Problem is not null) return body.Problem;
        var command = SourceCommands.Replace(plugin, id, body.Value!);
        if (command.Problem is not null) return command.Problem;
        return await mutations.ApplyAsync(http, command.Change!, (snapshot, _) => TypedResults.Ok(View(snapshot, plugin, id, host)!));
    }

    private static async Task<Results<Ok<SourceView>, Accepted<ProposedChange>, ProblemHttpResult>> PatchAsync(
        string plugin, string id, HttpContext http, Mutations mutations, PluginHost host)
    {
        var body = await RequestBody.ReadJsonAsync<JsonNode>(http.Request, RequestBody.MergePatch, http.RequestAborted);
        if (body.Problem is not null) return body.Problem;
        var command = SourceCommands.Patch(plugin, id, body.Value, http.User);
        if (command.Problem is not null) return command.Problem;
        return await mutations.ApplyAsync(http, command.Change!, (snapshot, _) => TypedResults.Ok(View(snapshot, plugin, id, host)!));
    }

    private static Task<Results<NoContent, Accepted<ProposedChange>, ProblemHttpResult>> DeleteAsync(string plugin, string id, HttpContext http, Mutations mutations) =>
        mutations.ApplyAsync(http, SourceCommands.Delete(plugin, id).Change!, (_, _) => TypedResults.NoContent());

    internal static SourceView? View(ConfigSnapshot snapshot, string plugin, string id, PluginHost host) =>
        snapshot.FindPlugin(plugin) is { } p && p.FindSource(id) is { } s ? SourceView.Of(p, s, host) : null;
}
