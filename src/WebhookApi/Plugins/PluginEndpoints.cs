using System.Text.Json;
using GitOps.Reconciler.Configuration;
using GitOps.Reconciler.Plugins;
using GitOps.WebhookApi.Auth;
using GitOps.WebhookApi.Http;

namespace GitOps.WebhookApi.Plugins;

/// <summary><c>/plugins</c>: list, get, create, delete, and the per-plugin config block.</summary>
internal static class PluginEndpoints
{
    public static RouteGroupBuilder MapPluginEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/plugins", (HttpContext http, PluginHost host) =>
            TypedResults.Ok(EntityTags.Snapshot(http).Plugins.Values.Select(p => PluginViews.Summary(p, host)).ToArray()));

        api.MapGet("/plugins/{plugin}", (string plugin, HttpContext http, PluginHost host) =>
            EntityTags.Snapshot(http).FindPlugin(plugin) is { } found
                ? Results.Ok(PluginViews.Full(found, host))
                : Problems.NotFound($"plugin '{plugin}' does not exist"));

        api.MapPost("/plugins", CreateAsync).RequireAuthorization(Roles.Admin).Accepts<CreatePluginBody>("application/json");
        api.MapDelete("/plugins/{plugin}", DeleteAsync).RequireAuthorization(Roles.Admin);
        api.MapPut("/plugins/{plugin}/config", SetConfigAsync).RequireAuthorization(Roles.Admin).Accepts<Dictionary<string, object?>>("application/json");
        return api;
    }

    private static async Task<IResult> CreateAsync(HttpContext http, Mutations mutations, PluginHost host)
    {
        var body = await RequestBody.ReadJsonAsync<CreatePluginBody>(http.Request, RequestBody.Json, http.RequestAborted);
        if (body.Problem is not null) return body.Problem;
        var command = PluginCommands.Create(body.Value!);
        if (command.Problem is not null) return command.Problem;
        var name = command.Change!.Plugin;
        return await mutations.ApplyAsync(http, command.Change, (snapshot, _) =>
            Results.Created($"/api/v1/plugins/{name}", PluginViews.Full(snapshot.FindPlugin(name)!, host)));
    }

    private static Task<IResult> DeleteAsync(string plugin, HttpContext http, Mutations mutations) =>
        mutations.ApplyAsync(http, PluginCommands.Delete(plugin).Change!, (_, _) => Results.NoContent());

    private static async Task<IResult> SetConfigAsync(string plugin, HttpContext http, Mutations mutations, PluginHost host)
    {
        var body = await RequestBody.ReadJsonAsync<JsonElement>(http.Request, RequestBody.Json, http.RequestAborted);
        if (body.Problem is not null) return body.Problem;
        var command = PluginCommands.SetConfig(plugin, body.Value);
        if (command.Problem is not null) return command.Problem;
        return await mutations.ApplyAsync(http, command.Change!, (snapshot, _) => snapshot.FindPlugin(plugin) is { } p
            ? Results.Ok(PluginViews.Full(p, host))
            : Problems.NotFound($"plugin '{plugin}' does not exist"));
    }
}

/// <summary><c>POST /plugins</c> body.</summary>
internal sealed record CreatePluginBody(string? Name, JsonElement? Config);
