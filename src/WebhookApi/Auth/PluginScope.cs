using System.Security.Claims;

namespace GitOps.WebhookApi.Auth;

/// <summary>What one caller may do, plugin by plugin: the union of their grants. Every API (REST, GraphQL, the UI's
/// <c>/me</c>) asks this one type, so the rules are the same everywhere.</summary>
internal sealed class PluginScope(ImmutableArray<Grant> grants)
{
    private const string ItemKey = "gitops.scope";

    public ImmutableArray<Grant> Grants { get; } = grants;

    /// <summary>The caller's scope, read once per request from the grant claims.</summary>
    public static PluginScope Of(HttpContext http)
    {
        if (http.Items.TryGetValue(ItemKey, out var cached) && cached is PluginScope scope) return scope;
        scope = Of(http.User);
        http.Items[ItemKey] = scope;
        return scope;
    }

    public static PluginScope Of(ClaimsPrincipal? user) =>
        new(user is null ? [] : [.. user.FindAll(Grant.ClaimType).Select(Grant.FromClaim).OfType<Grant>()]);

    /// <summary>The grant that allows <paramref name="role"/> (or more) on <paramref name="plugin"/>, or null.</summary>
    public Grant? Allowing(string role, string plugin)
    {
        var rank = Array.IndexOf(Roles.All, role);
        return Grants.Where(g => g.Rank >= rank && g.Covers(plugin)).OrderBy(g => g.Rank).FirstOrDefault();
    }

    /// <summary>The grant that allows <paramref name="role"/> on every plugin there is or will be (pattern <c>*</c>), or null.</summary>
    public Grant? AllowingEverywhere(string role)
    {
        var rank = Array.IndexOf(Roles.All, role);
        return Grants.Where(g => g.Rank >= rank && g.CoversEverything).OrderBy(g => g.Rank).FirstOrDefault();
    }

    public bool Sees(string plugin) => Allowing(Roles.Viewer, plugin) is not null;

    public bool SeesEverything => AllowingEverywhere(Roles.Viewer) is not null;

    /// <summary>The highest role on a plugin, or null when the caller may not see it.</summary>
    public string? RoleOn(string plugin) => Grants.Where(g => g.Covers(plugin)).MaxBy(g => g.Rank)?.Role;

    /// <summary>The snapshot as this caller may see it: only the plugins in scope (the same object when that is all of them).</summary>
    public ConfigSnapshot Restrict(ConfigSnapshot snapshot)
    {
        if (SeesEverything) return snapshot;
        return snapshot with { Plugins = snapshot.Plugins.Where(p => Sees(p.Key)).ToImmutableSortedDictionary() };
    }
}
