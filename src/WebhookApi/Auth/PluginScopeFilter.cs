using Microsoft.AspNetCore.Authorization;

namespace GitOps.WebhookApi.Auth;

/// <summary>Enforces grants on every API endpoint with a <c>{plugin}</c> route value, in one place: a plugin outside every
/// grant answers 404 as if it did not exist (reads and writes alike: its existence is not disclosed); a plugin the caller
/// sees but without the endpoint's role answers 403.</summary>
internal static partial class PluginScopeFilter
{
    public const string RouteValue = "plugin";

    public static RouteGroupBuilder RequirePluginScope(this RouteGroupBuilder api) => api.AddEndpointFilter(CheckAsync);

    private static async ValueTask<object?> CheckAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (http.Request.RouteValues.GetValueOrDefault(RouteValue) is not string plugin) return await next(context);
        var scope = PluginScope.Of(http);
        var role = RequiredRole(http);
        if (!scope.Sees(plugin))
        {
            Denied(http, role, plugin, StatusCodes.Status404NotFound);
            return Problems.NotFound($"plugin '{plugin}' does not exist");
        }
        if (scope.Allowing(role, plugin) is null)
        {
            Denied(http, role, plugin, StatusCodes.Status403Forbidden);
            return Problems.Forbidden($"This needs the {role} role on plugin '{plugin}'; your role there is {scope.RoleOn(plugin)}");
        }
        return await next(context);
    }

    /// <summary>The highest role among the endpoint's policies (its own and its groups'); <c>viewer</c> when none is named.</summary>
    public static string RequiredRole(HttpContext http)
    {
        var role = Roles.Viewer;
        foreach (var data in http.GetEndpoint()?.Metadata.GetOrderedMetadata<IAuthorizeData>() ?? [])
            if (data.Policy is { } policy && Roles.All.Contains(policy)) role = Roles.Max(role, policy);
        return role;
    }

    /// <summary>Logs a refused attempt: who, what, on which plugin; never the body.</summary>
    public static void Denied(HttpContext http, string role, string plugin, int status)
    {
        var logger = http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("GitOps.WebhookApi.Audit");
        var action = $"{http.Request.Method} {(http.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? http.Request.Path.Value}";
        LogDenied(logger, action, http.User.Identity?.Name ?? "anonymous", plugin, role, status);
    }

    [LoggerMessage(EventName = "AccessDenied", Level = LogLevel.Warning,
        Message = "Audit denied {Action} by {Actor} on {Plugin}: needs {Role} ({Status})")]
    public static partial void LogDenied(ILogger logger, string action, string actor, string plugin, string role, int status);
}
