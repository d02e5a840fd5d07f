using System.Net;

namespace GitOps.WebhookApi.Tests.Auth;

/// <summary>Grants (a role on plugin name patterns) from OIDC groups and static tokens, enforced on every endpoint: out of
/// scope is 404 (existence not disclosed), seen without the role is 403, lists and history show only what is in scope.</summary>
public sealed class GrantScopeTests(SsoServer sso) : IClassFixture<SsoServer>
{
    [Fact]
    public async Task ScopedPerson_ListsOnlyPluginsInScope()
    {
        using var client = await sso.PersonAsync(SsoServer.TeamA);

        using var response = await client.GetAsync(new Uri("plugins", UriKind.Relative));

        var names = (await response.JsonAsync()).EnumerateArray().Select(p => p.GetProperty("name").GetString()!).ToArray();
        Assert.Equal(["shared", "team-a-web"], names);
    }

    [Fact]
    public async Task PlatformAdmin_SeesEveryPlugin()
    {
        using var client = await sso.PersonAsync(SsoServer.Platform);

        using var response = await client.GetAsync(new Uri("plugins", UriKind.Relative));

        var names = (await response.JsonAsync()).EnumerateArray().Select(p => p.GetProperty("name").GetString()!).ToArray();
        Assert.Contains("models", names);
        Assert.Contains("team-b-db", names);
    }

    [Fact]
    public async Task OutOfScope_ReadAndWrite_Are404_AsIfMissing()
    {
        using var client = await sso.PersonAsync(SsoServer.TeamA);

        using var read = await client.GetAsync(new Uri("plugins/team-b-db", UriKind.Relative));
        using var write = await client.SendJsonAsync(HttpMethod.Put, "plugins/team-b-db/config", """{"owner":"a"}""", "*");
        using var entities = await client.GetAsync(new Uri("plugins/models/sources", UriKind.Relative));

        var readProblem = await read.AssertProblemAsync(HttpStatusCode.NotFound, "not-found");
        await write.AssertProblemAsync(HttpStatusCode.NotFound, "not-found");
        await entities.AssertProblemAsync(HttpStatusCode.NotFound, "not-found");
        Assert.Equal("plugin 'team-b-db' does not exist", readProblem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task SeenWithoutTheRole_WriteIs403()
    {
        using var client = await sso.PersonAsync(SsoServer.TeamA);

        using var read = await client.GetAsync(new Uri("plugins/shared", UriKind.Relative));
        using var write = await client.SendJsonAsync(HttpMethod.Put, "plugins/shared/config", """{"owner":"a"}""", "*");

        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        await write.AssertProblemAsync(HttpStatusCode.Forbidden, "forbidden");
    }

    [Fact]
    public async Task ScopedChange_IsCommittedWithThePersonAndTheGrant()
    {
        using var client = await sso.PersonAsync(SsoServer.TeamA);

        using var response = await client.SendJsonAsync(HttpMethod.Put, "plugins/team-a-web/config", """{"owner":"team-a"}""", "*");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var commit = sso.LastCommit(out var repository);
        using (repository)
        {
            Assert.Equal("Team A Bot", commit.Author.Name);
            Assert.Equal("team-a@example.test", commit.Author.Email);
            Assert.Contains("Authorized-By: admin on team-a-* (group team-a)", commit.Message, StringComparison.Ordinal);
        }
        await LoggedAsync("Audit plugin.config by Team A Bot on team-a-web/");
        await LoggedAsync("Committed under admin on team-a-* (group team-a)");
    }

    [Fact]
    public async Task CreatingAPluginOutsideTheGrant_Is403_AndIsLoggedWithoutTheBody()
    {
        using var client = await sso.PersonAsync(SsoServer.TeamA);

        using var outside = await client.SendJsonAsync(HttpMethod.Post, "plugins", """{"name":"team-b-extra","config":{"marker":"body-must-not-be-logged"}}""", "*");

        await outside.AssertProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        await LoggedAsync("Audit denied POST /api/v1/plugins by Team A Bot on team-b-extra: needs admin (403)");
        Assert.DoesNotContain("body-must-not-be-logged", sso.Service.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Revert_NeedsTheRoleOnEveryPluginItTouches()
    {
        using var client = await sso.PersonAsync(SsoServer.TeamA);

        using var foreign = await client.SendJsonAsync(HttpMethod.Post, $"history/{sso.Created["team-b-db"]}/revert", null, "*");
        using var hidden = await client.GetAsync(new Uri($"history/{sso.Created["team-b-db"]}", UriKind.Relative));

        await foreign.AssertProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        await hidden.AssertProblemAsync(HttpStatusCode.NotFound, "not-found");
    }

    [Fact]
    public async Task History_ShowsOnlyCommitsTouchingPluginsInScope()
    {
        using var client = await sso.PersonAsync(SsoServer.TeamA);

        using var response = await client.GetAsync(new Uri("history?limit=200", UriKind.Relative));

        var entries = (await response.JsonAsync()).EnumerateArray().ToArray();
        Assert.NotEmpty(entries);
        Assert.DoesNotContain(entries, e => e.GetProperty("sha").GetString() == sso.Created["team-b-db"]);
        Assert.All(entries, e => Assert.All(e.GetProperty("changedPlugins").EnumerateArray(), p => Assert.Contains(p.GetString(), new[] { "shared", "team-a-web" })));
    }

    [Fact]
    public async Task History_LimitCountsOnlyCommitsInScope()
    {
        using var platform = await sso.PersonAsync(SsoServer.Platform);
        using var client = await sso.PersonAsync(SsoServer.TeamA);
        using var foreign = await platform.SendJsonAsync(HttpMethod.Put, "plugins/team-b-db/config", """{"owner":"newest"}""", "*");
        Assert.Equal(HttpStatusCode.OK, foreign.StatusCode);

        using var response = await client.GetAsync(new Uri("history?limit=1", UriKind.Relative));

        // The newest commit is team B's: the one entry asked for is the newest one team A may see, not an empty page.
        var entry = Assert.Single((await response.JsonAsync()).EnumerateArray());
        Assert.All(entry.GetProperty("changedPlugins").EnumerateArray(), p => Assert.Contains(p.GetString(), new[] { "shared", "team-a-web" }));
    }

    [Fact]
    public async Task ScopedStaticToken_SeesAndOperatesOnlyItsPlugins()
    {
        using var bob = sso.Client(SsoServer.BobToken);

        using var list = await bob.GetAsync(new Uri("plugins", UriKind.Relative));
        using var models = await bob.GetAsync(new Uri("plugins/models", UriKind.Relative));
        using var config = await bob.SendJsonAsync(HttpMethod.Put, "plugins/team-b-db/config", """{"owner":"b"}""", "*");

        Assert.Equal(["team-b-db"], (await list.JsonAsync()).EnumerateArray().Select(p => p.GetProperty("name").GetString()!).ToArray());
        await models.AssertProblemAsync(HttpStatusCode.NotFound, "not-found");
        await config.AssertProblemAsync(HttpStatusCode.Forbidden, "forbidden"); // operator there; config is an admin's
    }

    [Fact]
    public async Task GraphQl_AppliesTheSameScope()
    {
        using var client = await sso.PersonAsync(SsoServer.TeamA);
        client.BaseAddress = sso.Service.BaseAddress;

        using var response = await client.SendJsonAsync(HttpMethod.Post, "graphql", """{"query":"{ plugins { name } }"}""", null);

        var names = (await response.JsonAsync()).GetProperty("data").GetProperty("plugins").EnumerateArray().Select(p => p.GetProperty("name").GetString()!).ToArray();
        Assert.Equal(["shared", "team-a-web"], names);
    }

    [Fact]
    public async Task EventStream_CarriesOnlyThePluginsInScope()
    {
        using var bob = sso.Client(SsoServer.BobToken); // operator on team-b-db only
        using var platform = await sso.PersonAsync(SsoServer.Platform);
        await using var stream = await Events.SseClient.OpenAsync(bob);
        Assert.Equal("ready", (await stream.NextAsync()).Name);

        using var other = await platform.SendJsonAsync(HttpMethod.Put, "plugins/team-a-web/config", """{"owner":"events-a"}""", "*");
        using var own = await platform.SendJsonAsync(HttpMethod.Put, "plugins/team-b-db/config", """{"owner":"events-b"}""", "*");
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);

        // Until team-b-db's own notification arrives, nothing may name another team's plugin: not a source change or
        // notification of team-a-web, not a commit's plugin list, not a pass's actions.
        var seen = new List<Events.SseEvent>();
        while (seen.LastOrDefault() is not { Name: "notification" } last || !last.Data.Contains("team-b-db", StringComparison.Ordinal))
            seen.Add(await stream.NextAsync());
        Assert.Contains(seen, e => e.Name == "head");
        Assert.All(seen, e => Assert.DoesNotContain("team-a-web", e.Data, StringComparison.Ordinal));
        Assert.All(seen.Where(e => e.Name == "head"), e => Assert.Equal(["team-b-db"], e.Json.GetProperty("plugins").EnumerateArray().Select(p => p.GetString())));
    }

    [Fact]
    public async Task VersionsEventsAndRollback_OutOfScope_Are404_AndRollbackWithoutTheRole403()
    {
        using var client = await sso.PersonAsync(SsoServer.TeamA);

        using var versions = await client.GetAsync(new Uri("plugins/team-b-db/versions", UriKind.Relative));
        using var events = await client.GetAsync(new Uri("plugins/models/sources/organization_ai_models/events", UriKind.Relative));
        using var rollback = await client.SendJsonAsync(HttpMethod.Post, "plugins/team-b-db:rollback", $$"""{"to":"{{sso.Created["team-b-db"]}}"}""", "*");
        using var seen = await client.SendJsonAsync(HttpMethod.Post, "plugins/shared:rollback", $$"""{"to":"{{sso.Created["shared"]}}"}""", "*");
        using var own = await client.GetAsync(new Uri("plugins/team-a-web/versions", UriKind.Relative));

        await versions.AssertProblemAsync(HttpStatusCode.NotFound, "not-found");
        await events.AssertProblemAsync(HttpStatusCode.NotFound, "not-found");
        await rollback.AssertProblemAsync(HttpStatusCode.NotFound, "not-found");
        await seen.AssertProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
    }

    /// <summary>The service's output arrives through a pipe: wait (bounded) for the line rather than race it.</summary>
    private async Task LoggedAsync(string text)
    {
        for (var attempt = 0; attempt < 50 && !sso.Service.Output.Contains(text, StringComparison.Ordinal); attempt++) await Task.Delay(100);
        var lines = sso.Service.Output.Split('\n').Where(l => l.Contains("Audit", StringComparison.Ordinal));
        Assert.True(sso.Service.Output.Contains(text, StringComparison.Ordinal), $"not logged: {text}\naudit lines:\n{string.Join('\n', lines)}");
    }
}
