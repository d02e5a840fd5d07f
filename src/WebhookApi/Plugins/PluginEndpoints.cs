using GitOps.WebhookApi.Views;

namespace GitOps.WebhookApi.Plugins;

/// <summary><c>/plugins</c>: list, get, create, delete, and the per-plugin config block.</summary>
internal static class PluginEndpoints
{
    public static RouteGroupBuilder MapPluginEndpoints(this RouteGroupBuilder api)
    {
        // Served from the read views cached per (head, plugin status version): Views/ReadViews.
        api.MapGet("/plugins", (HttpContext http, ReadViews views) => views.PluginList(http))
            .Produces<PluginSummary[]>().Produces(StatusCodes.Status304NotModified);
        api.MapGet("/plugins/{plugin}", (string plugin, HttpContext http, ReadViews views) => views.Plugin(http, plugin))
            .Produces<PluginView>().Produces(StatusCodes.Status304NotModified).ProducesProblems(StatusCodes.Status404NotFound);

        api.MapPost("/plugins", CreateAsync).RequireAuthorization(Roles.Admin).Accepts<CreatePluginBody>("application/json")
            .ProducesProblems([.. ApiResponses.Body, .. ApiResponses.Commit]);
        api.MapDelete("/plugins/{plugin}", DeleteAsync).RequireAuthorization(Roles.Admin).ProducesProblems(ApiResponses.Commit);
        api.MapPut("/plugins/{plugin}/config", SetConfigAsync).RequireAuthorization(Roles.Admin).Accepts<Dictionary<string, object?>>("application/json")
            .ProducesProblems([.. ApiResponses.Body, .. ApiResponses.Commit]);

        api.MapPluginRefreshEndpoints();
        return api;
    }

    private static async Task<Results<Created<PluginView>, Accepted<ProposedChange>, ProblemHttpResult>> CreateAsync(HttpContext http, Mutations mutations, PluginHost host)
    {
        var body = await RequestBody.ReadJsonAsync<CreatePluginBody>(http.Request, RequestBody.Json, http.RequestAborted);
        if (body.Problem is not null) return body.Problem;
        var command = PluginCommands.Create(body.Value!);
        if (command.Problem is not null) return command.Problem;
        var name = command.Change!.Plugin;
        return await mutations.ApplyAsync(http, command.Change, (snapshot, _) =>
            TypedResults.Created($"/api/v1/plugins/{name}", PluginViews.Full(snapshot.FindPlugin(name)!, host)));
    }

    private static Task<Results<NoContent, Accepted<ProposedChange>, ProblemHttpResult>> DeleteAsync(string plugin, HttpContext http, Mutations mutations) =>
        mutations.ApplyAsync(http, PluginCommands.Delete(plugin).Change!, (_, _) => TypedResults.NoContent());

    private static async Task<Results<Results<Ok<PluginView>, ProblemHttpResult>, Accepted<ProposedChange>, ProblemHttpResult>> SetConfigAsync(
        string plugin, HttpContext http, Mutations mutations, PluginHost host)
    {
        var body = await RequestBody.ReadJsonAsync<JsonElement>(http.Request, RequestBody.Json, http.RequestAborted);
        if (body.Problem is not null) return body.Problem;
        var command = PluginCommands.SetConfig(plugin, body.Value);
        if (command.Problem is not null) return command.Problem;
        return await mutations.ApplyAsync(http, command.Change!, (snapshot, _) => snapshot.FindPlugin(plugin) is { } p
            ? (Results<Ok<PluginView>, ProblemHttpResult>)TypedResults.Ok(PluginViews.Full(p, host))
            : Problems.NotFound($"plugin '{plugin}' does not exist"));
    }
}

/// <summary><c>POST /plugins</c> body.</summary>
internal sealed record CreatePluginBody(string? Name, JsonElement? Config);
