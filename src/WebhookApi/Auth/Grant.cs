using System.Security.Claims;

namespace GitOps.WebhookApi.Auth;

/// <summary>A role on the plugins whose names match <see cref="Plugins"/> (<c>models</c>, <c>team-a-*</c>, <c>*</c>), and where the
/// caller got it (<c>token alice</c>, <c>group team-a</c>): the audit event and the commit name that origin.</summary>
internal sealed record Grant(string Role, ImmutableArray<string> Plugins, string Origin)
{
    /// <summary>The claim a grant travels in on the authenticated principal (REST, GraphQL and the UI read the same).</summary>
    public const string ClaimType = "gitops:grant";

    public static readonly ImmutableArray<string> Everything = ["*"];

    public int Rank => Array.IndexOf(Roles.All, Role);

    public bool Covers(string plugin) => Plugins.Any(pattern => Matches(pattern, plugin));

    public bool CoversEverything => Plugins.Contains("*");

    /// <summary>How the audit event and the <c>Authorized-By</c> trailer name it: <c>admin on team-a-* (group team-a)</c>.</summary>
    public override string ToString() => $"{Role} on {string.Join(",", Plugins)} ({Origin})";

    public Claim ToClaim() => new(ClaimType, $"{Role}|{string.Join(",", Plugins)}|{Origin}");

    public static Grant? FromClaim(Claim claim)
    {
        var parts = claim.Value.Split('|', 3);
        return parts.Length == 3 ? new Grant(parts[0], [.. parts[1].Split(',')], parts[2]) : null;
    }

    /// <summary>A pattern is a plugin name where <c>*</c> stands for any run of characters (including none).</summary>
    public static bool Matches(string pattern, string name)
    {
        if (pattern == "*") return true;
        var star = pattern.IndexOf('*');
        if (star < 0) return string.Equals(pattern, name, StringComparison.Ordinal);
        var prefix = pattern[..star];
        if (!name.StartsWith(prefix, StringComparison.Ordinal)) return false;
        var rest = pattern[(star + 1)..];
        for (var i = prefix.Length; i <= name.Length; i++)
            if (Matches(rest, name[i..])) return true;
        return false;
    }
}
