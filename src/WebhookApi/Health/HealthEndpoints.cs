namespace GitOps.WebhookApi.Health;

internal static class HealthEndpoints
{
    public static IEndpointRouteBuilder MapHealthEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/healthz", () => Results.Ok(new { status = "ok" })).ExcludeFromDescription();
        // Reads go on while the data directory cannot be written, so readiness stays 200 and the detail says why writes fail.
        app.MapGet("/readyz", (ReconcilePass pass, GitConfigStore store) => pass.AppliedHead is { } head
            ? Results.Ok(store.CheckStorage() is { } fault
                ? new ReadyView("ready", head, $"writes are refused: {fault.Message}")
                : new ReadyView("ready", head, null))
            : Results.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "No snapshot applied yet")).ExcludeFromDescription();
        return app;
    }
}

/// <summary><c>/readyz</c> when a snapshot is applied; <paramref name="Detail"/> says why writes fail, when they do.</summary>
internal sealed record ReadyView(string Status, string Head, [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)] string? Detail);
