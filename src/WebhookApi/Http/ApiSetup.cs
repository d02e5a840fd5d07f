using Microsoft.Extensions.DependencyInjection.Extensions;

namespace GitOps.WebhookApi.Http;

/// <summary>The REST API's services and its <c>/api/v1</c> route group (viewer role, ETag on every response).</summary>
internal static class ApiSetup
{
    public static IServiceCollection AddRestApi(this IServiceCollection services)
    {
        services.AddApiProblemDetails();
        services.AddSingleton<Mutations>();
        services.AddSingleton<Status.StatusReport>();
        services.AddSingleton<Views.ReadViews>();
        services.TryAddSingleton<PluginHost>();
        services.TryAddSingleton<ReconcileTrigger>();
        services.AddOpenApi();
        return services;
    }

    public static IWebHostBuilder LimitRequestBodies(this IWebHostBuilder builder) =>
        builder.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = ApiLimits.MaxBodyBytes);

    /// <summary>The one place access is decided: every endpoint under the group needs a token with the viewer role, and an
    /// endpoint that needs more names a stronger role's policy (<see cref="Roles"/>) with <c>RequireAuthorization</c>.</summary>
    public static RouteGroupBuilder MapApiV1(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1").RequireAuthorization(Roles.Viewer).AddEndpointFilter(EntityTags.PinSnapshot);
        api.ProducesProblems(ApiResponses.Access);
        return api;
    }
}
