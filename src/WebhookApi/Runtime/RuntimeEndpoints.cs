using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;

namespace GitOps.WebhookApi.Runtime;

/// <summary>Maps the plugin runtime's endpoints under <c>{api}/plugins/{plugin}</c>: refresh, entities and dry run.
/// Call it on the <c>/api/v1</c> group so the endpoints share its conventions (auth, ETag).</summary>
internal static class RuntimeEndpoints
{
    public const string OperatorPolicy = "operator";
    public const string ViewerPolicy = "viewer";

    public static IEndpointRouteBuilder MapRuntimeEndpoints(this IEndpointRouteBuilder api)
    {
        var operate = api.MapGroup("/plugins/{plugin}").WithTags("Runtime");
        var view = api.MapGroup("/plugins/{plugin}").WithTags("Runtime");
        // Refresh and dry run are operator actions; reading entities is a viewer's. The policies come with the
        // API's auth; a host built without them (no AddAuthorization) serves these endpoints unauthenticated.
        var policies = api.ServiceProvider.GetService<IOptions<AuthorizationOptions>>()?.Value;
        if (policies?.GetPolicy(OperatorPolicy) is not null) operate.RequireAuthorization(OperatorPolicy);
        if (policies?.GetPolicy(ViewerPolicy) is not null) view.RequireAuthorization(ViewerPolicy);
        operate.MapRefreshEndpoints();
        operate.MapDryRunEndpoints();
        view.MapEntitiesEndpoints();
        return api;
    }
}
