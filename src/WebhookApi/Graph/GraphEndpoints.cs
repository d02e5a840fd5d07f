using GitOps.WebhookApi.Events;
using GraphQL;
using GraphQL.Execution;
using GraphQL.SystemTextJson;
using GraphQL.Validation;
using GraphQLParser.AST;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace GitOps.WebhookApi.Graph;

/// <summary><c>/graphql</c> (GraphQL over HTTP: POST application/json, GET for queries only, answers in
/// <c>application/graphql-response+json</c>; with <c>Accept: text/event-stream</c>, graphql-sse distinct connections)
/// and <c>/graphql/schema.graphql</c> (SDL).</summary>
internal static class GraphEndpoints
{
    public const string ResponseMediaType = "application/graphql-response+json";
    public const string EventStreamMediaType = "text/event-stream";

    public static IServiceCollection AddGraphApi(this IServiceCollection services)
    {
        services.AddOptions<GraphOptions>().BindConfiguration(GraphOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<ChangeFeed>();
        services.AddSingleton<GraphExecutor>();
        services.AddSingleton<ValidatedDocuments>();
        services.AddSingleton(provider => new GraphSerializer(provider.GetRequiredService<IErrorInfoProvider>()));
        services.AddGraphQL(graph => graph
            .AddSchema<GraphSchema>()
            .AddSerializer(provider => provider.GetRequiredService<GraphSerializer>())
            .AddGraphTypes(typeof(GraphSchema).Assembly)
            // Query resolvers are synchronous reads of immutable snapshots: running them one after the other avoids a task
            // per field (the parallel strategy's cost) and gives the same answer.
            .AddExecutionStrategy<SerialExecutionStrategy>(OperationType.Query)
            .AddErrorInfoProvider(o => { o.ExposeExtensions = true; o.ExposeCode = true; o.ExposeCodes = false; o.ExposeData = false; }));
        services.Replace(ServiceDescriptor.Singleton<IDocumentValidator, KnownDocumentValidator>());
        return services;
    }

    public static IEndpointRouteBuilder MapGraphApi(this IEndpointRouteBuilder app)
    {
        app.MapMethods("/graphql", [HttpMethods.Get, HttpMethods.Post], (HttpContext http, GraphExecutor executor) => executor.HandleAsync(http))
            .ExcludeFromDescription();
        // The SDL is what introspection tells, so it needs a token like introspection does.
        app.MapGet("/graphql/schema.graphql", (GraphSchema schema) => Results.Text(schema.Sdl(), "text/plain; charset=utf-8"))
            .RequireAuthorization(Roles.Viewer).ExcludeFromDescription();
        // Created with the host so it sees every commit and status change from the start, not from its first subscriber.
        _ = app.ServiceProvider.GetRequiredService<ChangeFeed>();
        return app;
    }
}
