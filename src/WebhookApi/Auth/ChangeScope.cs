namespace GitOps.WebhookApi.Auth;

/// <summary>Checks a <see cref="Change"/> against the caller's grants before it runs (REST and GraphQL): the role on every
/// plugin the change touches, or on every plugin (<c>*</c>) for a change not bound to plugins (key rotation). Returns the
/// grant that allows it (named in the audit event and the commit's <c>Authorized-By</c> trailer) or the refusal.</summary>
internal static class ChangeScope
{
    /// <summary>A merge patch of more than <c>enabled</c> is an admin's change even on an operator's endpoint.</summary>
    public static string RoleFor(Change change, string endpointRole) =>
        change.Action == "source.patch" ? Roles.Max(endpointRole, Roles.Admin) : endpointRole;

    public static ScopeDecision Check(PluginScope scope, string role, Change change, GitConfigStore store)
    {
        var plugins = change.Plugin.Length > 0 ? [change.Plugin] : change.Touches?.Invoke(store) ?? [];
        if (plugins.Count == 0)
        {
            return scope.AllowingEverywhere(role) is { } everywhere
                ? new ScopeDecision(everywhere, null, null)
                : new ScopeDecision(null, null, $"'{change.Action}' is not limited to some plugins: it needs the {role} role on every plugin (a grant on '*')");
        }
        Grant? allowing = null;
        foreach (var plugin in plugins)
        {
            if (scope.Allowing(role, plugin) is not { } grant)
            {
                // The caller named change.Plugin themselves; a plugin a revert touches is named only if they can see it.
                var shown = scope.Sees(plugin) || plugin == change.Plugin ? $"plugin '{plugin}'" : "a plugin outside your grants";
                return new ScopeDecision(null, plugin, $"'{change.Action}' touches {shown} and needs the {role} role on every plugin it touches");
            }
            allowing = allowing is null || grant.Rank > allowing.Rank ? grant : allowing;
        }
        return new ScopeDecision(allowing, null, null);
    }
}

/// <summary>The grant that allows a change, or why not (<see cref="Refusal"/>, for the caller; <see cref="Plugin"/>, the first
/// plugin refused, for the audit log only).</summary>
internal sealed record ScopeDecision(Grant? Grant, string? Plugin, string? Refusal);
