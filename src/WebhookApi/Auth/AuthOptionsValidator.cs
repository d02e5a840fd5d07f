using System.Text.RegularExpressions;

namespace GitOps.WebhookApi.Auth;

/// <summary>Fails start-up on bad auth options, naming the option (e.g. <c>GitOps:Auth:Tokens:0:Sha256</c>).</summary>
internal sealed partial class AuthOptionsValidator : IValidateOptions<AuthOptions>
{
    public ValidateOptionsResult Validate(string? name, AuthOptions options)
    {
        var failures = new List<string>();
        for (var i = 0; i < options.Tokens.Count; i++)
        {
            var token = options.Tokens[i];
            var key = $"{AuthOptions.SectionName}:Tokens:{i}";
            if (!CallerName().IsMatch(token.Name))
                failures.Add($"{key}:Name must be 1-64 characters of letters, digits, '.', '_' or '-' (it becomes the commit author)");
            if (!Roles.All.Contains(token.Role))
                failures.Add($"{key}:Role '{token.Role}' is not one of {string.Join(", ", Roles.All)}");
            if (!Sha256Hex().IsMatch(token.Sha256))
                failures.Add($"{key}:Sha256 must be the lowercase hex SHA-256 of the token (64 characters of 0-9a-f)");
            CheckPatterns(token.Plugins, $"{key}:Plugins", failures);
        }
        var duplicates = options.Tokens.GroupBy(t => t.Name, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key);
        foreach (var duplicate in duplicates) failures.Add($"{AuthOptions.SectionName}:Tokens: the name '{duplicate}' is used more than once");
        ValidateOidc(options.Oidc, failures);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void ValidateOidc(OidcOptions oidc, List<string> failures)
    {
        var key = $"{AuthOptions.SectionName}:Oidc";
        if (!oidc.Enabled)
        {
            if (oidc.Grants.Count > 0 || oidc.Audience.Length > 0) failures.Add($"{key}:Authority must be set when {key}:Audience or {key}:Grants are");
            return;
        }
        if (!Uri.TryCreate(oidc.Authority, UriKind.Absolute, out var authority) || authority.Scheme is not ("https" or "http"))
            failures.Add($"{key}:Authority '{oidc.Authority}' must be an absolute http(s) URL (the issuer)");
        else if (authority.Scheme == "http" && oidc.RequireHttpsMetadata)
            failures.Add($"{key}:Authority is http: set {key}:RequireHttpsMetadata to false (only for a loopback issuer in tests or development)");
        if (oidc.Audience.Length == 0) failures.Add($"{key}:Audience must be set: tokens meant for another service must not be accepted");
        if (oidc.RolesClaim.Length == 0) failures.Add($"{key}:RolesClaim must name the claim listing the person's groups");
        for (var i = 0; i < oidc.Grants.Count; i++)
        {
            var grant = oidc.Grants[i];
            if (grant.Group.Length == 0) failures.Add($"{key}:Grants:{i}:Group must name a value of the {oidc.RolesClaim} claim");
            if (!Roles.All.Contains(grant.Role)) failures.Add($"{key}:Grants:{i}:Role '{grant.Role}' is not one of {string.Join(", ", Roles.All)}");
            CheckPatterns(grant.Plugins, $"{key}:Grants:{i}:Plugins", failures);
        }
    }

    private static void CheckPatterns(string[]? patterns, string key, List<string> failures)
    {
        if (patterns is null) return;
        if (patterns.Length == 0) failures.Add($"{key} must list at least one plugin name pattern (or be left out for every plugin)");
        foreach (var pattern in patterns)
            if (!PluginPattern().IsMatch(pattern))
                failures.Add($"{key}: '{pattern}' is not a plugin name pattern (letters, digits, '.', '_', '-' and '*' for any run of characters)");
    }

    [GeneratedRegex("^[A-Za-z0-9._-]{1,64}$")]
    private static partial Regex CallerName();

    [GeneratedRegex("^[0-9a-f]{64}$")]
    private static partial Regex Sha256Hex();

    [GeneratedRegex("^[A-Za-z0-9._*-]{1,128}$")]
    private static partial Regex PluginPattern();
}
