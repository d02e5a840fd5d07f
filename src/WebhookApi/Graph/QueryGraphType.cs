using GitOps.Reconciler.Git.Remote;
using GitOps.Reconciler.Kubernetes;
using GitOps.Reconciler.Secrets;
using GitOps.WebhookApi.Graph.Types;
using GitOps.WebhookApi.History;
using GitOps.WebhookApi.Plugins;
using GitOps.WebhookApi.Secrets;
using GitOps.WebhookApi.Status;
using GraphQL;
using GraphQL.Types;

namespace GitOps.WebhookApi.Graph;

/// <summary>One query per REST read; each resolves through the same views and shared reads as its REST twin.</summary>
internal sealed class QueryGraphType : ObjectGraphType
{
    public QueryGraphType()
    {
        Name = "Query";
        Field<NonNullGraphType<StringGraphType>>("head").Description("The head the reads of this request see (REST: the ETag)")
            .Resolve(c => Read(c).Head);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<PluginGraphType>>>>("plugins").Description("GET /plugins")
            .Resolve(c => Read(c).Plugins.Values.Select(p => PluginViews.Full(p, Host(c))));
        Field<NonNullGraphType<PluginGraphType>>("plugin").Description("GET /plugins/{plugin}")
            .Argument<NonNullGraphType<StringGraphType>>("name")
            .Resolve(c => PluginViews.Full(Plugin(c, c.GetArgument<string>("name")), Host(c)));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<SourceGraphType>>>>("sources").Description("GET /plugins/{plugin}/sources")
            .Argument<NonNullGraphType<StringGraphType>>("plugin")
            .Resolve(c =>
            {
                var plugin = Plugin(c, c.GetArgument<string>("plugin"));
                return plugin.Sources.Select(s => new PluginSource(plugin.Name, Sources.SourceView.Of(plugin, s, Host(c))));
            });
        Field<NonNullGraphType<SourceGraphType>>("source").Description("GET /plugins/{plugin}/sources/{id}").RequiredStrings("plugin", "id")
            .Resolve(c =>
            {
                var (plugin, id) = (Plugin(c, c.GetArgument<string>("plugin")), c.GetArgument<string>("id"));
                return plugin.FindSource(id) is { } s
                    ? new PluginSource(plugin.Name, Sources.SourceView.Of(plugin, s, Host(c)))
                    : throw GraphErrors.Create(GraphErrors.NotFound, $"source '{id}' does not exist in plugin '{plugin.Name}'");
            });
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<FileEntryGraphType>>>>("files").Description("GET /plugins/{plugin}/files")
            .Argument<NonNullGraphType<StringGraphType>>("plugin")
            .Resolve(c => PluginViews.Files(Plugin(c, c.GetArgument<string>("plugin"))));
        Field<NonNullGraphType<StringGraphType>>("file").Description("GET /plugins/{plugin}/files/{name}: the file as text").RequiredStrings("plugin", "name")
            .Resolve(c =>
            {
                var (plugin, name) = (Plugin(c, c.GetArgument<string>("plugin")), c.GetArgument<string>("name"));
                return plugin.Files.TryGetValue(name, out var content)
                    ? System.Text.Encoding.UTF8.GetString(content.Span)
                    : throw GraphErrors.Create(GraphErrors.NotFound, $"file '{name}' does not exist in plugin '{plugin.Name}'");
            });
        EntityConnectionGraphType.AddField(this, c =>
        {
            Read(c);
            return (c.GetArgument<string>("plugin"), c.GetArgument<string>("source"));
        });
        Fields.Find("entities")!.Description = "GET /plugins/{plugin}/sources/{id}/entities";
        Fields.Find("entities")!.Arguments!.Add(new QueryArgument<NonNullGraphType<StringGraphType>> { Name = "plugin" });
        Fields.Find("entities")!.Arguments!.Add(new QueryArgument<NonNullGraphType<StringGraphType>> { Name = "source" });
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<CommitGraphType>>>>("history").Description("GET /history")
            .Argument<StringGraphType>("plugin")
            .Argument<StringGraphType>("source")
            .Argument<IntGraphType>("limit", a => a.Description = $"1 to {GitConfigStore.MaxHistoryLimit} (default 50)")
            .Resolve(c =>
            {
                Read(c);
                var entries = GraphErrors.Value<HistoryEntryView[]>(HistoryEndpoints.List(Store(c),
                    c.GetArgument<string?>("plugin"), c.GetArgument<string?>("source"), c.GetArgument<int?>("limit"), null, PluginScope.Of(GraphContext.Of(c).Http)));
                return entries.Select(CommitGraphType.Of);
            });
        Field<NonNullGraphType<CommitGraphType>>("commit").Description("GET /history/{sha}: one commit with its diff")
            .Argument<NonNullGraphType<StringGraphType>>("sha")
            .Resolve(c =>
            {
                Read(c);
                return GraphErrors.Value<CommitView>(HistoryEndpoints.Get(Store(c), c.GetArgument<string>("sha"), null, PluginScope.Of(GraphContext.Of(c).Http)));
            });
        Field<NonNullGraphType<PluginSecretsGraphType>>("secrets").Description("GET /plugins/{plugin}/secrets: names and metadata, never values")
            .Argument<NonNullGraphType<StringGraphType>>("plugin")
            .Resolve(c =>
            {
                var plugin = Plugin(c, c.GetArgument<string>("plugin"));
                var newest = c.RequestServices!.GetRequiredService<SecretCipher>().Ring.Newest.Id;
                return new PluginSecretList(plugin.Name, newest, c.RequestServices!.GetRequiredService<SecretInventory>().List(Read(c), plugin));
            });
        Field<NonNullGraphType<SecretsStatusGraphType>>("secretsStatus").Description("GET /secrets: values per key id (and GET /secrets/recipient: recipient)")
            .Resolve(c => c.RequestServices!.GetRequiredService<SecretInventory>().Status(Read(c)));
        Field<NonNullGraphType<StatusGraphType>>("status").Description("GET /status")
            .Resolve(c =>
            {
                return c.RequestServices!.GetRequiredService<StatusReport>().Build(Read(c), PluginScope.Of(GraphContext.Of(c).Http));
            });
    }

    /// <summary>Checks the viewer role and returns the snapshot this request reads (pinned once per request, as in REST).</summary>
    private static Reconciler.Configuration.ConfigSnapshot Read(IResolveFieldContext context)
    {
        GraphAccess.Require(context, Roles.Viewer);
        return GraphContext.Of(context).Snapshot;
    }

    private static Reconciler.Configuration.PluginSnapshot Plugin(IResolveFieldContext context, string name) =>
        Read(context).FindPlugin(name) ?? throw GraphErrors.Create(GraphErrors.NotFound, $"plugin '{name}' does not exist");

    private static PluginHost Host(IResolveFieldContext context) => context.RequestServices!.GetRequiredService<PluginHost>();

    private static GitConfigStore Store(IResolveFieldContext context) => context.RequestServices!.GetRequiredService<GitConfigStore>();
}
