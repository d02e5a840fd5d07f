using GraphQL;
using GraphQL.Types;
using GraphQL.Utilities;

namespace GitOps.WebhookApi.Graph;

/// <summary>The GraphQL schema: queries, mutations and subscriptions beside the REST API, from the same core.</summary>
internal sealed class GraphSchema : Schema
{
    public GraphSchema(IServiceProvider services) : base(services)
    {
        Query = services.GetRequiredService<QueryGraphType>();
        Mutation = services.GetRequiredService<MutationGraphType>();
        Subscription = services.GetRequiredService<SubscriptionGraphType>();
        // Introspection is only for authenticated callers; its cost is not counted, so any client's introspection query runs.
        this.WithIntrospectionComplexityImpact(0);
    }

    /// <summary>The schema as SDL (<c>GET /graphql/schema.graphql</c>).</summary>
    public string Sdl() => _sdl ??= this.Print(new PrintOptions { IncludeDescriptions = true });

    private string? _sdl;
}
