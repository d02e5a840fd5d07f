using GitOps.Reconciler.Git;

namespace GitOps.WebhookApi.Health;

internal static class HealthEndpoints
{
    public static IEndpointRouteBuilder MapHealthEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/healthz", () => Results.Ok(new { status = "ok" })).ExcludeFromDescription();
        app.MapGet("/readyz", (GitConfigStore store) => store.Current.Head.Length > 0
            ? Results.Ok(new { status = "ready", head = store.Current.Head })
            : Results.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "No snapshot applied yet")).ExcludeFromDescription();
        return app;
    }
}
