using GitOps.WebhookApi.Http;
using System.Text.Json;
using System.Text.Json.Nodes;
using GitOps.Reconciler.Git;
using GitOps.Reconciler.Plugins;

namespace GitOps.WebhookApi.Runtime;

/// <summary>POST <c>/plugins/{plugin}/sources:test</c> (a source body) and <c>/plugins/{plugin}/sources/{id}:test</c>
/// (optional merge-patch overrides over the existing source): load in isolation against the current snapshot's plugin
/// files and report; nothing is written and no running source changes.</summary>
internal static class DryRunEndpoints
{
    public static void MapDryRunEndpoints(this RouteGroupBuilder plugin)
    {
        plugin.MapPost("/sources:test", TestNewAsync).WithName("TestSource");
        plugin.MapPost("/sources/{id}:test", TestExistingAsync).WithName("TestExistingSource");
    }

    private static async Task<IResult> TestNewAsync(string plugin, GitConfigStore store, PluginHost host, HttpContext context, CancellationToken cancellationToken)
    {
        if (store.Current.FindPlugin(plugin) is null) return Problems.NotFound($"plugin '{plugin}' does not exist");
        var body = await ReadBodyAsync(context, cancellationToken);
        if (body is BodyResult.Malformed malformed) return Problems.BadRequest(malformed.Message);
        if (body is BodyResult.Invalid invalid) return Problems.InvalidRequest(invalid.Errors);
        return await TestAsync(store, host, plugin, null, ((BodyResult.Read)body).Node, cancellationToken);
    }

    private static async Task<IResult> TestExistingAsync(string plugin, string id, GitConfigStore store, PluginHost host, HttpContext context, CancellationToken cancellationToken)
    {
        if (store.Current.FindPlugin(plugin) is not { } snapshot) return Problems.NotFound($"plugin '{plugin}' does not exist");
        if (snapshot.FindSource(id) is null) return Problems.NotFound($"source '{id}' does not exist in plugin '{plugin}'");
        var body = await ReadBodyAsync(context, cancellationToken);
        if (body is BodyResult.Malformed malformed) return Problems.BadRequest(malformed.Message);
        if (body is BodyResult.Invalid invalid) return Problems.InvalidRequest(invalid.Errors);
        return await TestAsync(store, host, plugin, id, ((BodyResult.Read)body).Node, cancellationToken);
    }

    /// <summary>The dry run (shared with GraphQL): <paramref name="id"/> null tests <paramref name="body"/> as a new source,
    /// else <paramref name="body"/> is an optional merge patch over the existing source.</summary>
    internal static async Task<IResult> TestAsync(GitConfigStore store, PluginHost host, string plugin, string? id, JsonNode? body, CancellationToken cancellationToken)
    {
        if (store.Current.FindPlugin(plugin) is not { } snapshot)
            return Problems.NotFound($"plugin '{plugin}' does not exist");
        if (id is null) return await RunAsync(host, snapshot, body, cancellationToken);
        if (snapshot.FindSource(id) is not { } existing)
            return Problems.NotFound($"source '{id}' does not exist in plugin '{plugin}'");
        if (body is not null and not JsonObject) return Problems.BadRequest("overrides must be a JSON object (merge patch)");
        var merged = body is null ? SourceJson.ToJson(existing) : SourceJson.MergePatch(SourceJson.ToJson(existing), body);
        return await RunAsync(host, snapshot, merged, cancellationToken);
    }

    private static async Task<IResult> RunAsync(PluginHost host, Reconciler.Configuration.PluginSnapshot snapshot, JsonNode? node, CancellationToken cancellationToken)
    {
        switch (SourceJson.Read(node))
        {
            case SourceJsonResult.Parsed parsed:
                return Results.Ok(DryRunResponse.From(await host.DryRunAsync(snapshot, parsed.Source, cancellationToken)));
            case SourceJsonResult.Invalid invalid:
                return Problems.BadRequest(invalid.Message);
            default:
                throw new InvalidOperationException("unexpected source JSON result");
        }
    }

    private static async Task<BodyResult> ReadBodyAsync(HttpContext context, CancellationToken cancellationToken)
    {
        try
        {
            using var reader = new StreamReader(context.Request.Body);
            var text = await reader.ReadToEndAsync(cancellationToken);
            if (string.IsNullOrWhiteSpace(text)) return new BodyResult.Read(null);
            using (var document = JsonDocument.Parse(text))
            {
                var errors = JsonBodyRules.Check(document.RootElement, null);
                if (errors.Length > 0) return new BodyResult.Invalid(errors);
            }
            return new BodyResult.Read(JsonNode.Parse(text));
        }
        catch (JsonException ex)
        {
            return new BodyResult.Malformed($"the body is not valid JSON: {ex.Message}");
        }
    }

    private abstract record BodyResult
    {
        public sealed record Read(JsonNode? Node) : BodyResult;

        public sealed record Malformed(string Message) : BodyResult;

        public sealed record Invalid(System.Collections.Immutable.ImmutableArray<Reconciler.Configuration.ValidationError> Errors) : BodyResult;
    }
}
