namespace GitOps.WebhookApi.Auth;

/// <summary>The roles, which are also the names of the authorization policies (DESIGN §4). Each role includes the ones before it.</summary>
/// <remarks>A policy is met by a role held on at least one plugin; which plugins is then checked against the request's
/// plugin by <see cref="PluginScopeFilter"/> and <see cref="ChangeScope"/>.</remarks>
internal static class Roles
{
    public const string Viewer = "viewer";
    public const string Operator = "operator";
    public const string Admin = "admin";

    public static readonly string[] All = [Viewer, Operator, Admin];

    /// <summary>The roles that satisfy a policy: <c>operator</c> is met by operators and admins, and so on.</summary>
    public static string[] AtLeast(string role) => All[Array.IndexOf(All, role)..];

    /// <summary>The higher of two roles.</summary>
    public static string Max(string a, string b) => Array.IndexOf(All, a) >= Array.IndexOf(All, b) ? a : b;
}
