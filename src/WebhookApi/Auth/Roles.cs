namespace GitOps.WebhookApi.Auth;

/// <summary>The roles, which are also the names of the authorization policies (DESIGN §4). Each role includes the ones before it.</summary>
internal static class Roles
{
    public const string Viewer = "viewer";
    public const string Operator = "operator";
    public const string Admin = "admin";

    public static readonly string[] All = [Viewer, Operator, Admin];

    /// <summary>The roles that satisfy a policy: <c>operator</c> is met by operators and admins, and so on.</summary>
    public static string[] AtLeast(string role) => All[Array.IndexOf(All, role)..];
}
