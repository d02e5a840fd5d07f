using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;

namespace GitOps.WebhookApi.Runtime;

/// <summary>Maps the plugin runtime's endpoints under <c>/api/v1/plugins/{plugin}</c>: refresh, entities and dry run.</summary>
internal static class RuntimeEndpoints
{
    public const string OperatorPolicy = "operator";
    public const string ViewerPolicy = "viewer";

    public static IEndpointRouteBuilder MapRuntimeEndpoints(this IEndpointRouteBuilder app)
    {
        var operate = app.MapGroup("/api/v1/plugins/{plugin}").WithTags("Runtime");
        var view = app.MapGroup("/api/v1/plugins/{plugin}").WithTags("Runtime");
        // Refresh and dry run are operator actions; reading entities is a viewer's. The policies come with the
        // API's auth; a host built without them (no AddAuthorization) serves these endpoints unauthenticated.
        var policies = app.ServiceProvider.GetService<IOptions<AuthorizationOptions>>()?.Value;
        if (policies?.GetPolicy(OperatorPolicy) is not null) operate.RequireAuthorization(OperatorPolicy);
        if (policies?.GetPolicy(ViewerPolicy) is not null) view.RequireAuthorization(ViewerPolicy);
        operate.MapRefreshEndpoints();
        operate.MapDryRunEndpoints();
        view.MapEntitiesEndpoints();
        return app;
    }
}
