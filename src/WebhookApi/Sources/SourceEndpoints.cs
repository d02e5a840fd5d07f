using System.Text.Json.Nodes;
using GitOps.Reconciler.Configuration;
using GitOps.Reconciler.Plugins;
using GitOps.WebhookApi.Auth;
using GitOps.WebhookApi.Http;

namespace GitOps.WebhookApi.Sources;

/// <summary><c>/plugins/{plugin}/sources</c>: list, get, add, replace, merge-patch, delete.</summary>
internal static class SourceEndpoints
{
    public static RouteGroupBuilder MapSourceEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/plugins/{plugin}/sources", (string plugin, HttpContext http, PluginHost host) =>
            EntityTags.Snapshot(http).FindPlugin(plugin) is { } p
                ? Results.Ok(p.Sources.Select(s => SourceView.Of(p, s, host)).ToArray())
                : Problems.NotFound($"plugin '{plugin}' does not exist"));

        api.MapGet("/plugins/{plugin}/sources/{id}", (string plugin, string id, HttpContext http, PluginHost host) =>
            EntityTags.Snapshot(http).FindPlugin(plugin) is not { } p ? Problems.NotFound($"plugin '{plugin}' does not exist")
            : p.FindSource(id) is { } s ? Results.Ok(SourceView.Of(p, s, host))
            : Problems.NotFound($"source '{id}' does not exist in plugin '{plugin}'"));

        api.MapPost("/plugins/{plugin}/sources", AddAsync).RequireAuthorization(Roles.Admin).Accepts<SourceBody>("application/json");
        api.MapPut("/plugins/{plugin}/sources/{id}", ReplaceAsync).RequireAuthorization(Roles.Admin).Accepts<SourceBody>("application/json");
        api.MapPatch("/plugins/{plugin}/sources/{id}", PatchAsync).RequireAuthorization(Roles.Operator)
            .Accepts<SourceBody>("application/merge-patch+json", "application/json");
        api.MapDelete("/plugins/{plugin}/sources/{id}", DeleteAsync).RequireAuthorization(Roles.Admin);
        return api;
    }

    private static async Task<IResult> AddAsync(string plugin, HttpContext http, Mutations mutations, PluginHost host)
    {
        var body = await RequestBody.ReadJsonAsync<SourceBody>(http.Request, RequestBody.Json, http.RequestAborted);
        if (body.Problem is not null) return body.Problem;
        var (source, errors) = body.Value!.ToConfig();
        if (source is null) return Problems.ValidationFailed(errors);
        var change = Change.Edit("source.add", plugin, source.Id, $"{plugin}: add source {source.Id}", s => SourceEdits.Add(s, plugin, source));
        return await mutations.ApplyAsync(http, change, (snapshot, _) =>
            Results.Created($"/api/v1/plugins/{plugin}/sources/{source.Id}", View(snapshot, plugin, source.Id, host)));
    }

    private static async Task<IResult> ReplaceAsync(string plugin, string id, HttpContext http, Mutations mutations, PluginHost host)
    {
        var body = await RequestBody.ReadJsonAsync<SourceBody>(http.Request, RequestBody.Json, http.RequestAborted);
        if (body.Problem is not null) return body.Problem;
        var value = body.Value! with { Id = body.Value!.Id ?? id };
        if (value.Id != id) return Problems.BadRequest($"The body's id '{value.Id}' does not match the path's id '{id}'");
        var (source, errors) = value.ToConfig();
        if (source is null) return Problems.ValidationFailed(errors);
        var change = Change.Edit("source.update", plugin, id, $"{plugin}: update source {id}", s => SourceEdits.Replace(s, plugin, source));
        return await mutations.ApplyAsync(http, change, (snapshot, _) => Results.Ok(View(snapshot, plugin, id, host)));
    }

    private static async Task<IResult> PatchAsync(string plugin, string id, HttpContext http, Mutations mutations, PluginHost host)
    {
        var body = await RequestBody.ReadJsonAsync<JsonNode>(http.Request, RequestBody.MergePatch, http.RequestAborted);
        if (body.Problem is not null) return body.Problem;
        if (body.Value is not JsonObject patch) return Problems.BadRequest("A merge patch of a source must be a JSON object, e.g. {\"enabled\": false}");
        var unknown = JsonBodyRules.CheckPatch(patch, ApiJson.Options.GetTypeInfo(typeof(SourceBody)));
        if (unknown.Length > 0) return Problems.InvalidRequest(unknown);
        var onlyEnabled = patch.Count == 1 && patch["enabled"] is JsonValue enabled && enabled.TryGetValue<bool>(out _);
        if (!onlyEnabled && !http.User.IsAdmin())
            return Problems.Forbidden("Operators may change only 'enabled' (e.g. {\"enabled\": false}); other fields need the admin role");
        var summary = onlyEnabled
            ? $"{plugin}: {(patch["enabled"]!.GetValue<bool>() ? "enable" : "disable")} source {id}"
            : $"{plugin}: update source {id}";
        var action = onlyEnabled ? (patch["enabled"]!.GetValue<bool>() ? "source.enable" : "source.disable") : "source.patch";
        var change = Change.Edit(action, plugin, id, summary, s => SourceEdits.Patch(s, plugin, id, patch));
        return await mutations.ApplyAsync(http, change, (snapshot, _) => Results.Ok(View(snapshot, plugin, id, host)));
    }

    private static Task<IResult> DeleteAsync(string plugin, string id, HttpContext http, Mutations mutations)
    {
        var change = Change.Edit("source.delete", plugin, id, $"{plugin}: delete source {id}", s => SourceEdits.Delete(s, plugin, id));
        return mutations.ApplyAsync(http, change, (_, _) => Results.NoContent());
    }

    private static SourceView? View(ConfigSnapshot snapshot, string plugin, string id, PluginHost host) =>
        snapshot.FindPlugin(plugin) is { } p && p.FindSource(id) is { } s ? SourceView.Of(p, s, host) : null;
}
