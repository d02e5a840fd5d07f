using GitOps.WebhookApi.Auth;

namespace GitOps.WebhookApi.Tests.Auth;

/// <summary>The pure rules under the grants: plugin name patterns, the highest role on a plugin, and the options checks.</summary>
public sealed class GrantRulesTests
{
    [Theory]
    [InlineData("*", "models", true)]
    [InlineData("models", "models", true)]
    [InlineData("models", "models-2", false)]
    [InlineData("team-a-*", "team-a-web", true)]
    [InlineData("team-a-*", "team-a-", true)]
    [InlineData("team-a-*", "team-b-web", false)]
    [InlineData("*-db", "team-b-db", true)]
    [InlineData("team-*-db", "team-b-web", false)]
    public void Pattern_MatchesPluginNames(string pattern, string plugin, bool expected) =>
        Assert.Equal(expected, Grant.Matches(pattern, plugin));

    [Fact]
    public void Scope_TakesTheHighestRoleOnAPlugin_AndTheLeastGrantThatAllows()
    {
        var scope = new PluginScope([new Grant("viewer", ["*"], "group all"), new Grant("admin", ["team-a-*"], "group team-a")]);

        Assert.Equal("admin", scope.RoleOn("team-a-web"));
        Assert.Equal("viewer", scope.RoleOn("models"));
        Assert.Equal("group all", scope.Allowing("viewer", "team-a-web")!.Origin);
        Assert.Null(scope.Allowing("operator", "models"));
        Assert.Null(scope.AllowingEverywhere("admin"));
    }

    [Fact]
    public void Validator_NamesTheBadOption()
    {
        var options = new AuthOptions
        {
            Tokens = [new TokenOptions { Name = "ci", Role = "operator", Sha256 = new string('a', 64), Plugins = ["team a"] }],
            Oidc = new OidcOptions
            {
                Authority = "http://login.example.com", Audience = "",
                Grants = [new OidcGrantOptions { Group = "team-a", Role = "owner" }],
            },
        };

        var failures = new AuthOptionsValidator().Validate(null, options).Failures!.ToArray();

        Assert.Contains(failures, f => f.StartsWith("GitOps:Auth:Tokens:0:Plugins: 'team a'", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("GitOps:Auth:Oidc:Authority is http", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("GitOps:Auth:Oidc:Audience must be set", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("GitOps:Auth:Oidc:Grants:0:Role 'owner'", StringComparison.Ordinal));
    }
}
