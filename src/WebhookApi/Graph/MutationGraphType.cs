using GitOps.WebhookApi.Files;
using GitOps.WebhookApi.Graph.Types;
using GitOps.WebhookApi.History;
using GitOps.WebhookApi.Plugins;
using GitOps.WebhookApi.Sources;
using GraphQL;
using GraphQL.Types;

namespace GitOps.WebhookApi.Graph;

/// <summary>One mutation per REST write, named after the REST action; each builds the same <c>Command</c> as its REST twin.</summary>
internal sealed partial class MutationGraphType : ObjectGraphType
{
    public MutationGraphType()
    {
        Name = "Mutation";
        Write("addSource", "POST /plugins/{plugin}/sources", a => a.Plugin().Input<NonNullGraphType<SourceInputGraphType>>("source"),
            c => GraphWrites.CommitAsync(c, Roles.Admin, SourceCommands.Add(c.GetArgument<string>("plugin"), SourceInputGraphType.Body(c.GetArgument<Dictionary<string, object?>>("source"))),
                (snapshot, committed) => WithSource(snapshot, committed, c.GetArgument<string>("plugin"), SourceInputGraphType.Id(c.GetArgument<Dictionary<string, object?>>("source")), c)));
        Write("updateSource", "PUT /plugins/{plugin}/sources/{id}", a => a.Plugin().Id().Input<NonNullGraphType<SourceInputGraphType>>("source"),
            c => GraphWrites.CommitAsync(c, Roles.Admin, SourceCommands.Replace(c.GetArgument<string>("plugin"), c.GetArgument<string>("id"), SourceInputGraphType.Body(c.GetArgument<Dictionary<string, object?>>("source"))),
                (snapshot, committed) => WithSource(snapshot, committed, c.GetArgument<string>("plugin"), c.GetArgument<string>("id"), c)));
        Write("patchSource", "PATCH /plugins/{plugin}/sources/{id} (JSON merge patch; operators may change only enabled)",
            a => a.Plugin().Id().Input<NonNullGraphType<JsonGraphType>>("patch"),
            c => GraphWrites.CommitAsync(c, Roles.Operator, SourceCommands.Patch(c.GetArgument<string>("plugin"), c.GetArgument<string>("id"), GraphWrites.Node(c.GetArgument<object?>("patch")), c.User!),
                (snapshot, committed) => WithSource(snapshot, committed, c.GetArgument<string>("plugin"), c.GetArgument<string>("id"), c)));
        Write("removeSource", "DELETE /plugins/{plugin}/sources/{id}", a => a.Plugin().Id(),
            c => GraphWrites.CommitAsync(c, Roles.Admin, SourceCommands.Delete(c.GetArgument<string>("plugin"), c.GetArgument<string>("id")),
                (snapshot, committed) => new WritePayload(snapshot.Head, committed)));
        Write("createPlugin", "POST /plugins", a => a.Input<NonNullGraphType<StringGraphType>>("name").Input<JsonGraphType>("config"),
            c => GraphWrites.CommitAsync(c, Roles.Admin, PluginCommands.Create(new CreatePluginBody(c.GetArgument<string>("name"),
                    c.GetArgument<object?>("config") is { } config ? GraphWrites.Element(config) : null)),
                (snapshot, committed) => WithPlugin(snapshot, committed, c.GetArgument<string>("name"), c)));
        Write("deletePlugin", "DELETE /plugins/{plugin}", a => a.Plugin(),
            c => GraphWrites.CommitAsync(c, Roles.Admin, PluginCommands.Delete(c.GetArgument<string>("plugin")),
                (snapshot, committed) => new WritePayload(snapshot.Head, committed)));
        Write("setPluginConfig", "PUT /plugins/{plugin}/config", a => a.Plugin().Input<NonNullGraphType<JsonGraphType>>("config"),
            c => GraphWrites.CommitAsync(c, Roles.Admin, PluginCommands.SetConfig(c.GetArgument<string>("plugin"), GraphWrites.Element(c.GetArgument<object?>("config"))),
                (snapshot, committed) => WithPlugin(snapshot, committed, c.GetArgument<string>("plugin"), c)));
        Write("putFile", "PUT /plugins/{plugin}/files/{name} (the file as text)",
            a => a.Plugin().Input<NonNullGraphType<StringGraphType>>("name").Input<NonNullGraphType<StringGraphType>>("content"),
            c => PutFileAsync(c));
        Write("deleteFile", "DELETE /plugins/{plugin}/files/{name}", a => a.Plugin().Input<NonNullGraphType<StringGraphType>>("name"),
            c => GraphWrites.CommitAsync(c, Roles.Admin, FileCommands.Delete(c.GetArgument<string>("plugin"), c.GetArgument<string>("name")),
                (snapshot, committed) => new WritePayload(snapshot.Head, committed)));
        Write("revert", "POST /history/{sha}/revert", a => a.Input<NonNullGraphType<StringGraphType>>("sha"),
            c => GraphWrites.CommitAsync(c, Roles.Admin, HistoryEndpoints.Revert(c.GetArgument<string>("sha")),
                (snapshot, committed) => new WritePayload(snapshot.Head, committed, Reverted: c.GetArgument<string>("sha"))));
        AddRuntimeWrites();
        AddSecretWrites();
    }

    private static Task<WritePayload> PutFileAsync(IResolveFieldContext c)
    {
        var (plugin, name) = (c.GetArgument<string>("plugin"), c.GetArgument<string>("name"));
        var content = System.Text.Encoding.UTF8.GetBytes(c.GetArgument<string>("content"));
        var existed = GraphContext.Of(c).Snapshot.FindPlugin(plugin)?.Files.ContainsKey(name) ?? false;
        return GraphWrites.CommitAsync(c, Roles.Admin, FileCommands.Put(plugin, name, content, existed), (snapshot, committed) =>
            new WritePayload(snapshot.Head, committed, File: new FileEntry(name, (snapshot.FindPlugin(plugin)?.Files.GetValueOrDefault(name) ?? content).Length)));
    }

    private void Write<TPayload>(string name, string rest, Func<FieldArguments, FieldArguments> arguments, Func<IResolveFieldContext, Task<TPayload>> resolve)
        where TPayload : class
    {
        var args = arguments(new FieldArguments()).Input<NonNullGraphType<StringGraphType>>("expectedHead",
            "The head this write is based on (query { head }), or \"*\" for whatever is current; a stale one is refused (HEAD_MOVED)");
        var field = AddField(new FieldType
        {
            Name = name,
            Description = $"REST: {rest}",
            Type = PayloadType<TPayload>(),
            Arguments = new QueryArguments(args.List
                .Add(new QueryArgument<StringGraphType> { Name = "reason", Description = "Why (the commit body; REST: X-Change-Reason)" })
                .Add(new QueryArgument<StringGraphType>
                {
                    Name = Mutations.ConfirmParameter,
                    Description = $"\"{Mutations.ConfirmRemoveAll}\" confirms a change that leaves no plugin at all (REST: ?{Mutations.ConfirmParameter}=…); without it such a change is refused (CONFIRMATION_REQUIRED)",
                })),
            Resolver = new GraphQL.Resolvers.FuncFieldResolver<object?>(async c => await resolve(c)),
        });
        _ = field;
    }

    private static Type PayloadType<TPayload>() =>
        typeof(TPayload) == typeof(WritePayload) ? typeof(NonNullGraphType<WritePayloadGraphType>)
        : typeof(TPayload) == typeof(RefreshPayload) ? typeof(NonNullGraphType<RefreshPayloadGraphType>)
        : typeof(TPayload) == typeof(DryRunPayload) ? typeof(NonNullGraphType<DryRunPayloadGraphType>)
        : typeof(NonNullGraphType<ReconcilePayloadGraphType>);

    private static WritePayload WithSource(ConfigSnapshot snapshot, bool committed, string plugin, string? id, IResolveFieldContext c) =>
        new(snapshot.Head, committed, Source: id is not null && SourceEndpoints.View(snapshot, plugin, id, Host(c)) is { } view ? new PluginSource(plugin, view) : null);

    private static WritePayload WithPlugin(ConfigSnapshot snapshot, bool committed, string plugin, IResolveFieldContext c) =>
        new(snapshot.Head, committed, Plugin: snapshot.FindPlugin(plugin) is { } p ? PluginViews.Full(p, Host(c)) : null);

    private static PluginHost Host(IResolveFieldContext c) => c.RequestServices!.GetRequiredService<PluginHost>();

    /// <summary>A small builder for the argument lists above.</summary>
    internal sealed class FieldArguments
    {
        public ImmutableList<QueryArgument> List { get; private set; } = [];

        public FieldArguments Input<TType>(string name, string? description = null) where TType : IGraphType
        {
            List = List.Add(new QueryArgument<TType> { Name = name, Description = description });
            return this;
        }

        public FieldArguments Plugin() => Input<NonNullGraphType<StringGraphType>>("plugin");

        public FieldArguments Id() => Input<NonNullGraphType<StringGraphType>>("id");
    }
}
