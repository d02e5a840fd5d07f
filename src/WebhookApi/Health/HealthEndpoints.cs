using GitOps.Reconciler.Reconciliation;

namespace GitOps.WebhookApi.Health;

internal static class HealthEndpoints
{
    public static IEndpointRouteBuilder MapHealthEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/healthz", () => Results.Ok(new { status = "ok" })).ExcludeFromDescription();
        app.MapGet("/readyz", (ReconcilePass pass) => pass.AppliedHead is { } head
            ? Results.Ok(new { status = "ready", head })
            : Results.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "No snapshot applied yet")).ExcludeFromDescription();
        return app;
    }
}
