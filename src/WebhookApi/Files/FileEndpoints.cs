using GitOps.WebhookApi.Plugins;

namespace GitOps.WebhookApi.Files;

/// <summary><c>/plugins/{plugin}/files</c>: a plugin's files as raw YAML in and out; every write is validated with the whole snapshot.</summary>
internal static class FileEndpoints
{
    private const string YamlMediaType = "application/yaml";

    public static RouteGroupBuilder MapFileEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/plugins/{plugin}/files", List).ProducesProblems(StatusCodes.Status404NotFound);
        api.MapGet("/plugins/{plugin}/files/{name}", Get).Produces(StatusCodes.Status200OK, contentType: YamlMediaType)
            .ProducesProblems(StatusCodes.Status404NotFound);

        api.MapPut("/plugins/{plugin}/files/{name}", PutAsync).RequireAuthorization(Roles.Admin)
            .Accepts<string>(YamlMediaType).ProducesProblems([.. ApiResponses.Body, .. ApiResponses.Commit]);
        api.MapDelete("/plugins/{plugin}/files/{name}", DeleteAsync).RequireAuthorization(Roles.Admin).ProducesProblems(ApiResponses.Commit);
        return api;
    }

    private static Results<Ok<System.Collections.Immutable.ImmutableArray<FileEntry>>, ProblemHttpResult> List(string plugin, HttpContext http) =>
        EntityTags.Snapshot(http).FindPlugin(plugin) is { } p
            ? TypedResults.Ok(PluginViews.Files(p))
            : Problems.NotFound($"plugin '{plugin}' does not exist");

    /// <summary>The file's bytes as YAML (listed for OpenAPI as <c>application/yaml</c>).</summary>
    private static Results<FileContentHttpResult, ProblemHttpResult> Get(string plugin, string name, HttpContext http) =>
        EntityTags.Snapshot(http).FindPlugin(plugin) is not { } p ? Problems.NotFound($"plugin '{plugin}' does not exist")
        : p.Files.TryGetValue(name, out var content) ? TypedResults.Bytes(content.ToArray(), YamlMediaType)
        : Problems.NotFound($"file '{name}' does not exist in plugin '{plugin}'");

    private static async Task<Results<Results<Created<FileEntry>, Ok<FileEntry>>, Accepted<ProposedChange>, ProblemHttpResult>> PutAsync(
        string plugin, string name, HttpContext http, Mutations mutations)
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
                ? (Results<Created<FileEntry>, Ok<FileEntry>>)TypedResults.Created($"/api/v1/plugins/{plugin}/files/{name}", new FileEntry(name, written.Length))
                : TypedResults.Ok(new FileEntry(name, written.Length));
        });
    }

    private static async Task<Results<NoContent, Accepted<ProposedChange>, ProblemHttpResult>> DeleteAsync(string plugin, string name, HttpContext http, Mutations mutations)
    {
        var command = FileCommands.Delete(plugin, name);
        return command.Problem is not null
            ? command.Problem
            : await mutations.ApplyAsync(http, command.Change!, (_, _) => TypedResults.NoContent());
    }
}
