using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

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
        }
        var duplicates = options.Tokens.GroupBy(t => t.Name, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key);
        foreach (var duplicate in duplicates) failures.Add($"{AuthOptions.SectionName}:Tokens: the name '{duplicate}' is used more than once");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    [GeneratedRegex("^[A-Za-z0-9._-]{1,64}$")]
    private static partial Regex CallerName();

    [GeneratedRegex("^[0-9a-f]{64}$")]
    private static partial Regex Sha256Hex();
}
