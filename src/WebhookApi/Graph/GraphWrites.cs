using System.Text.Json.Nodes;
using GitOps.WebhookApi.Graph.Types;
using GraphQL;

namespace GitOps.WebhookApi.Graph;

/// <summary>Runs a write for a GraphQL mutation through the REST path: role, <c>expectedHead</c> (a SHA or <c>*</c>, as
/// If-Match), the shared <see cref="Command"/>, <see cref="Mutations.RunAsync"/>, and the outcome's problem as an error.</summary>
internal static class GraphWrites
{
    public const string Any = "*";

    public static async Task<WritePayload> CommitAsync(IResolveFieldContext context, string role, Command command,
        Func<ConfigSnapshot, bool, WritePayload> success)
    {
        GraphAccess.Require(context, role);
        var expected = ExpectedHead(context);
        if (command.Problem is not null) throw GraphErrors.From(command.Problem);
        var http = GraphContext.Of(context).Http;
        var services = context.RequestServices!;
        var scope = ChangeScope.Check(PluginScope.Of(http), ChangeScope.RoleFor(command.Change!, role), command.Change!, services.GetRequiredService<GitConfigStore>());
        if (scope.Grant is null) throw GraphErrors.Create(GraphErrors.Forbidden, scope.Refusal!);
        var caller = new MutationCaller(expected, context.User!.Author() with { Grant = scope.Grant.ToString() }, RequestIds.Get(http), context.GetArgument<string?>("reason") is { Length: > 0 } r ? r : null,
            context.GetArgument<string?>(Mutations.ConfirmParameter) == Mutations.ConfirmRemoveAll);
        var outcome = await services.GetRequiredService<Mutations>().RunAsync(command.Change!, caller, context.CancellationToken);
        if (Mutations.Problem(outcome) is { } problem) throw GraphErrors.From(problem);
        var store = services.GetRequiredService<GitConfigStore>();
        return outcome switch
        {
            MutationOutcome.Committed committed => success(committed.Snapshot, true),
            MutationOutcome.NoChange => success(store.Current, false),
            MutationOutcome.Proposed proposed => new WritePayload(store.Current.Head, false,
                PullRequest: new PullRequestPayload(proposed.PullRequestUrl, proposed.Branch, proposed.Commit)),
            _ => throw new InvalidOperationException($"unmapped mutation outcome {outcome.GetType().Name}"),
        };
    }

    /// <summary>For writes that make no commit (refresh, dry run, reconcile): the role, and a stale <c>expectedHead</c> refused
    /// like a commit's, so a client acts only on the state it read. Returns the current head.</summary>
    public static string Check(IResolveFieldContext context, string role)
    {
        GraphAccess.Require(context, role);
        if (context.HasArgument("plugin") && context.GetArgument<string>("plugin") is { } plugin)
        {
            // The REST filter's rule (PluginScopeFilter): out of every grant is 404, seen without the role is 403.
            var scope = PluginScope.Of(GraphContext.Of(context).Http);
            if (!scope.Sees(plugin)) throw GraphErrors.From(Problems.NotFound($"plugin '{plugin}' does not exist"));
            if (scope.Allowing(role, plugin) is null) throw GraphErrors.Create(GraphErrors.Forbidden, $"This needs the {role} role on plugin '{plugin}'");
        }
        var expected = ExpectedHead(context);
        var current = context.RequestServices!.GetRequiredService<GitConfigStore>().Current.Head;
        if (expected is not null && !current.StartsWith(expected, StringComparison.OrdinalIgnoreCase))
            throw GraphErrors.From(Mutations.Problem(new MutationOutcome.HeadMoved(current, expected))!);
        return current;
    }

    private static string? ExpectedHead(IResolveFieldContext context)
    {
        var value = context.GetArgument<string>("expectedHead")?.Trim() ?? "";
        if (value == Any) return null;
        if (value.Length == 0)
        {
            throw GraphErrors.Create(GraphErrors.BadRequest,
                "expectedHead must be the head you read (query { head }) or \"*\" to apply on whatever is current");
        }
        return value.Trim('"');
    }

    /// <summary>A JSON scalar argument as the JSON a REST body would carry.</summary>
    public static JsonNode? Node(object? value) => value is null ? null : JsonSerializer.SerializeToNode(value, ApiJson.Options);

    public static JsonElement Element(object? value) => JsonSerializer.SerializeToElement(value, ApiJson.Options);
}
