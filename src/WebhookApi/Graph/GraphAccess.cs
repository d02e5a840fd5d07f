using GraphQL;

namespace GitOps.WebhookApi.Graph;

/// <summary>The REST roles on GraphQL root fields: queries need <c>viewer</c>, writes the role their REST twin needs.</summary>
internal static class GraphAccess
{
    /// <summary>Throws UNAUTHENTICATED without a valid token, FORBIDDEN without the role.</summary>
    public static void Require(IResolveFieldContext context, string role)
    {
        var user = context.User;
        if (user?.Identity?.IsAuthenticated != true)
            throw GraphErrors.Create(GraphErrors.Unauthenticated, "A valid bearer token is required (Authorization: Bearer <token>)");
        // Reading needs no grant (a person without one sees nothing, as over REST); which plugins is PluginScope's business.
        if (role != Roles.Viewer && !Roles.AtLeast(role).Any(user.IsInRole))
            throw GraphErrors.Create(GraphErrors.Forbidden, $"'{context.FieldDefinition.Name}' needs the {role} role");
    }
}
