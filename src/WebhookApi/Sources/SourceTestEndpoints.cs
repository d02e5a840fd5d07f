using System.Text.Json.Nodes;
using GitOps.WebhookApi.Runtime;

namespace GitOps.WebhookApi.Sources;

/// <summary>POST <c>/plugins/{plugin}/sources:test</c> (a source body) and <c>/plugins/{plugin}/sources/{id}:test</c>
/// (an optional merge patch over the existing source): load in isolation against the request's snapshot of the plugin's
/// files and report; nothing is written and no running source changes. The body is read as the writes read it
/// (<see cref="SourceJson"/>): a bad source answers 422 with field errors.</summary>
internal static class SourceTestEndpoints
{
    public static RouteGroupBuilder MapSourceTestEndpoints(this RouteGroupBuilder api)
    {
        api.MapPost("/plugins/{plugin}/sources:test", TestNewAsync).WithName("TestSource").RequireAuthorization(Roles.Operator)
            .Accepts<SourceBody>("application/json").ProducesProblems([.. ApiResponses.Body, StatusCodes.Status404NotFound]);
        api.MapPost("/plugins/{plugin}/sources/{id}:test", TestExistingAsync).WithName("TestExistingSource").RequireAuthorization(Roles.Operator)
            .Accepts(typeof(SourceBody), isOptional: true, "application/merge-patch+json", "application/json")
            .ProducesProblems([.. ApiResponses.Body, StatusCodes.Status404NotFound]);
        return api;
    }

    private static async Task<Results<Ok<DryRunResponse>, ProblemHttpResult>> TestNewAsync(string plugin, HttpContext http, PluginHost host)
    {
        var snapshot = EntityTags.Snapshot(http);
        if (snapshot.FindPlugin(plugin) is null) return PluginNotFound(plugin);
        var body = await RequestBody.ReadJsonAsync<JsonNode>(http.Request, RequestBody.Json, http.RequestAborted);
        if (body.Problem is not null) return body.Problem;
        return await TestAsync(snapshot, host, plugin, null, body.Value, http.RequestAborted);
    }

    private static async Task<Results<Ok<DryRunResponse>, ProblemHttpResult>> TestExistingAsync(string plugin, string id, HttpContext http, PluginHost host)
    {
        var snapshot = EntityTags.Snapshot(http);
        if (snapshot.FindPlugin(plugin) is not { } found) return PluginNotFound(plugin);
        if (found.FindSource(id) is null) return SourceNotFound(plugin, id);
        var body = await RequestBody.ReadOptionalJsonAsync(http.Request, RequestBody.MergePatch, http.RequestAborted);
        if (body.Problem is not null) return body.Problem;
        return await TestAsync(snapshot, host, plugin, id, body.Value, http.RequestAborted);
    }

    /// <summary>The dry run (shared with GraphQL) on the caller's snapshot: <paramref name="id"/> null tests
    /// <paramref name="body"/> as a new source, else <paramref name="body"/> is an optional merge patch over the existing source.</summary>
    internal static async Task<Results<Ok<DryRunResponse>, ProblemHttpResult>> TestAsync(
        ConfigSnapshot snapshot, PluginHost host, string plugin, string? id, JsonNode? body, CancellationToken cancellationToken)
    {
        if (snapshot.FindPlugin(plugin) is not { } found) return PluginNotFound(plugin);
        SourceRead read;
        if (id is null)
        {
            read = SourceJson.ReadNew(body);
        }
        else
        {
            if (found.FindSource(id) is not { } existing) return SourceNotFound(plugin, id);
            if (body is not null and not JsonObject) return Problems.BadRequest("overrides must be a JSON object (merge patch)");
            read = body is JsonObject patch ? SourceJson.Patch(existing, patch) : new SourceRead.Parsed(existing);
        }
        return read switch
        {
            SourceRead.Parsed parsed => TypedResults.Ok(DryRunResponse.From(await host.DryRunAsync(found, parsed.Source, cancellationToken))),
            SourceRead.Malformed malformed => Problems.BadRequest($"The source is not valid at {malformed.Path}: {malformed.Message}",
                new Dictionary<string, object?> { ["path"] = malformed.Path }),
            SourceRead.Invalid invalid => Problems.InvalidRequest(invalid.Errors),
            _ => throw new InvalidOperationException("unmapped source read"),
        };
    }

    private static ProblemHttpResult PluginNotFound(string plugin) => Problems.NotFound($"plugin '{plugin}' does not exist");

    private static ProblemHttpResult SourceNotFound(string plugin, string id) => Problems.NotFound($"source '{id}' does not exist in plugin '{plugin}'");
}
