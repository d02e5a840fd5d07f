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
        var name = body.Value!.Name ?? "";
        if (!PluginName.IsValid(name))
        {
            return Problems.ValidationFailed([new ValidationError("request body", 0, 0, "name",
                $"'{name}' is not a DNS label ([a-z0-9]([-a-z0-9]*[a-z0-9])?, at most {PluginName.MaxLength} characters)")]);
        }
        if (body.Value.Config is { ValueKind: not (JsonValueKind.Object or JsonValueKind.Null) })
            return Problems.BadRequest("'config' must be a JSON object");
        var config = body.Value.Config is { ValueKind: JsonValueKind.Object } c ? FreeFormJson.ToMap(c) : FreeForm.EmptyMap;
        var change = Change.Edit("plugin.create", name, "", $"{name}: create plugin", s => PluginEdits.Create(s, name, config));
        return await mutations.ApplyAsync(http, change, (snapshot, _) =>
            Results.Created($"/api/v1/plugins/{name}", PluginViews.Full(snapshot.FindPlugin(name)!, host)));
    }

    private static Task<IResult> DeleteAsync(string plugin, HttpContext http, Mutations mutations)
    {
        var change = Change.Edit("plugin.delete", plugin, "", $"{plugin}: delete plugin", s => PluginEdits.Delete(s, plugin));
        return mutations.ApplyAsync(http, change, (_, _) => Results.NoContent());
    }

    private static async Task<IResult> SetConfigAsync(string plugin, HttpContext http, Mutations mutations, PluginHost host)
    {
        var body = await RequestBody.ReadJsonAsync<JsonElement>(http.Request, RequestBody.Json, http.RequestAborted);
        if (body.Problem is not null) return body.Problem;
        if (body.Value.ValueKind != JsonValueKind.Object) return Problems.BadRequest("The body must be a JSON object: the config mapping itself");
        var config = FreeFormJson.ToMap(body.Value);
        var change = Change.Edit("plugin.config", plugin, "", $"{plugin}: update config", s => PluginEdits.SetConfig(s, plugin, config));
        return await mutations.ApplyAsync(http, change, (snapshot, _) => snapshot.FindPlugin(plugin) is { } p
            ? Results.Ok(PluginViews.Full(p, host))
            : Problems.NotFound($"plugin '{plugin}' does not exist"));
    }
}

/// <summary><c>POST /plugins</c> body.</summary>
internal sealed record CreatePluginBody(string? Name, JsonElement? Config);
