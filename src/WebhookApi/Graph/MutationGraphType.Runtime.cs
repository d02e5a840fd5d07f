using GitOps.WebhookApi.Graph.Types;
using GitOps.WebhookApi.Plugins;
using GitOps.WebhookApi.Runtime;
using GitOps.WebhookApi.Sources;
using GitOps.WebhookApi.Status;
using GraphQL;
using GraphQL.Types;

namespace GitOps.WebhookApi.Graph;

/// <summary>The writes that make no commit: refresh, dry run and reconcile, through the REST handlers' shared code.</summary>
internal sealed partial class MutationGraphType
{
    private void AddRuntimeWrites()
    {
        Write("refreshSource", "POST /plugins/{plugin}/sources/{id}/refresh (rate-limited)", a => a.Plugin().Id(), async c =>
        {
            var head = GraphWrites.Check(c, Roles.Operator);
            var result = await SourceRefreshEndpoints.RefreshAsync(c.GetArgument<string>("plugin"), c.GetArgument<string>("id"), GraphContext.Of(c).Snapshot, Host(c),
                c.RequestServices!.GetRequiredService<RefreshRateLimiter>(), GraphContext.Of(c).Http, c.CancellationToken);
            return new RefreshPayload(head, [GraphErrors.Value<SourceStatusResponse>(result)]);
        });
        Write("refreshPlugin", "POST /plugins/{plugin}/refresh (rate-limited)", a => a.Plugin(), async c =>
        {
            var head = GraphWrites.Check(c, Roles.Operator);
            var result = await PluginRefreshEndpoints.RefreshAsync(c.GetArgument<string>("plugin"), GraphContext.Of(c).Snapshot, Host(c),
                c.RequestServices!.GetRequiredService<RefreshRateLimiter>(), GraphContext.Of(c).Http, c.CancellationToken);
            return new RefreshPayload(head, GraphErrors.Value<List<SourceStatusResponse>>(result));
        });
        Write("testSource", "POST /plugins/{plugin}/sources:test, or …/sources/{id}:test with id (source: merge-patch overrides); writes nothing",
            a => a.Plugin().Input<StringGraphType>("id").Input<JsonGraphType>("source"), async c =>
            {
                var head = GraphWrites.Check(c, Roles.Operator);
                var result = await SourceTestEndpoints.TestAsync(GraphContext.Of(c).Snapshot, Host(c), c.GetArgument<string>("plugin"), c.GetArgument<string?>("id"),
                    GraphWrites.Node(c.GetArgument<object?>("source")), c.CancellationToken);
                return new DryRunPayload(head, GraphErrors.Value<DryRunResponse>(result));
            });
        Write("reconcile", "POST /reconcile: a reconcile pass now", a => a, c =>
        {
            var head = GraphWrites.Check(c, Roles.Operator);
            var accepted = StatusEndpoints.Reconcile(c.RequestServices!.GetRequiredService<ReconcileTrigger>());
            return Task.FromResult(new ReconcilePayload(head, accepted.Requested));
        });
    }
}
