using GitOps.WebhookApi.Auth;
using GitOps.WebhookApi.Http;
using GitOps.WebhookApi.Plugins;

namespace GitOps.WebhookApi.Files;

/// <summary><c>/plugins/{plugin}/files</c>: a plugin's files as raw YAML in and out; every write is validated with the whole snapshot.</summary>
internal static class FileEndpoints
{
    private const string YamlMediaType = "application/yaml";

    public static RouteGroupBuilder MapFileEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/plugins/{plugin}/files", (string plugin, HttpContext http) =>
            EntityTags.Snapshot(http).FindPlugin(plugin) is { } p
                ? Results.Ok(PluginViews.Files(p))
                : Problems.NotFound($"plugin '{plugin}' does not exist"));

        api.MapGet("/plugins/{plugin}/files/{name}", (string plugin, string name, HttpContext http) =>
            EntityTags.Snapshot(http).FindPlugin(plugin) is not { } p ? Problems.NotFound($"plugin '{plugin}' does not exist")
            : p.Files.TryGetValue(name, out var content) ? Results.Bytes(content.ToArray(), YamlMediaType)
            : Problems.NotFound($"file '{name}' does not exist in plugin '{plugin}'"))
            .Produces(StatusCodes.Status200OK, contentType: YamlMediaType);

        api.MapPut("/plugins/{plugin}/files/{name}", PutAsync).RequireAuthorization(Roles.Admin)
            .Accepts<string>(YamlMediaType);
        api.MapDelete("/plugins/{plugin}/files/{name}", DeleteAsync).RequireAuthorization(Roles.Admin);
        return api;
    }

    private static async Task<IResult> PutAsync(string plugin, string name, HttpContext http, Mutations mutations)
    {
        if (!FileEdits.IsValidName(name)) return FileCommands.InvalidName(name);
        var body = await RequestBody.ReadRawAsync(http.Request, RequestBody.Yaml, http.RequestAborted);
        if (body.Problem is not null) return body.Problem;
        var content = body.Value.ToArray();
        var existed = EntityTags.Snapshot(http).FindPlugin(plugin)?.Files.ContainsKey(name) ?? false;
        var change = FileCommands.Put(plugin, name, content, existed).Change!;
        return await mutations.ApplyAsync(http, change, (snapshot, committed) =>
        {
            var written = snapshot.FindPlugin(plugin)?.Files.GetValueOrDefault(name) ?? content;
            return committed && !existed
                ? Results.Created($"/api/v1/plugins/{plugin}/files/{name}", new FileEntry(name, written.Length))
                : Results.Ok(new FileEntry(name, written.Length));
        });
    }

    private static Task<IResult> DeleteAsync(string plugin, string name, HttpContext http, Mutations mutations)
    {
        var command = FileCommands.Delete(plugin, name);
        return command.Problem is not null
            ? Task.FromResult(command.Problem)
            : mutations.ApplyAsync(http, command.Change!, (_, _) => Results.NoContent());
    }
}
