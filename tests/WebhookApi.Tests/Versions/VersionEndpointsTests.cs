using System.Net;
using System.Text.Json;
using GitOps.TestSupport.Git;

namespace GitOps.WebhookApi.Tests.Versions;

public sealed class VersionEndpointsTests(ApiServer server) : IClassFixture<ApiServer>
{
    [Fact]
    public async Task Versions_ListsThePluginsCommitsNewestFirst_MarksTheAppliedOne_AndPages()
    {
        var plugin = await VersionTestPlugins.CreateAsync(server);
        var newest = await VersionTestPlugins.PutFileAsync(server, plugin, "extra.yaml", VersionTestPlugins.Catalog);
        await VersionTestPlugins.PutFileAsync(server, "models", $"{plugin}.yaml", VersionTestPlugins.Catalog); // another plugin: not a version
        await VersionTestPlugins.WaitAppliedAsync(server);
        VersionTestPlugins.CommitDraft(server, $"{plugin}-touching", $"plugins/{plugin}/team.yaml", "source: Draft\nmodels: []\n");
        VersionTestPlugins.CommitDraft(server, $"{plugin}-elsewhere", "plugins/models/draft-only.yaml", "models: []\n");

        var first = await GetAsync($"plugins/{plugin}/versions?limit=2");
        var second = await GetAsync($"plugins/{plugin}/versions?limit=2&cursor={first.GetProperty("next").GetString()}");

        var shas = Shas(first).Concat(Shas(second)).ToArray();
        Assert.Equal(4, shas.Length); // create, file, source, extra file
        Assert.Equal(newest, shas[0]);
        Assert.Equal(shas.Length, shas.Distinct().Count());
        Assert.Equal(JsonValueKind.Null, second.GetProperty("next").ValueKind);
        Assert.Equal(newest, first.GetProperty("applied").GetString());
        Assert.True(first.GetProperty("versions")[0].GetProperty("applied").GetBoolean());
        Assert.False(first.GetProperty("versions")[1].GetProperty("applied").GetBoolean());
        Assert.Equal("alice", first.GetProperty("versions")[0].GetProperty("author").GetProperty("name").GetString());
        var gitLog = GitCli.Run(Path.Combine(server.Service.DataDirectory, "repo.git"), "log", "--format=%H", "main", "--", $"plugins/{plugin}");
        Assert.Equal(gitLog.Split('\n', StringSplitOptions.RemoveEmptyEntries), shas);
        var draft = Assert.Single(first.GetProperty("drafts").EnumerateArray());
        Assert.Equal($"{plugin}-touching", draft.GetProperty("id").GetString());
        Assert.Equal("Open", draft.GetProperty("state").GetString());
    }

    [Fact]
    public async Task Versions_OfAPluginThatNeverExisted_Returns404_AndABadCursor400()
    {
        using var missing = await server.Viewer.GetAsync(new Uri("plugins/never-there/versions", UriKind.Relative));
        await missing.AssertProblemAsync(HttpStatusCode.NotFound, "not-found");

        using var cursor = await server.Viewer.GetAsync(new Uri("plugins/models/versions?cursor=not-a-cursor", UriKind.Relative));
        var problem = await cursor.AssertProblemAsync(HttpStatusCode.BadRequest, "bad-request");
        Assert.Equal("cursor", problem.GetProperty("parameter").GetString());
    }

    [Fact]
    public async Task Rollback_RestoresTheFolder_AddedAndRemovedFiles_AndLeavesALaterChangeOfAnotherPlugin()
    {
        var plugin = await VersionTestPlugins.CreateAsync(server);
        var target = server.RepositoryHead();
        await VersionTestPlugins.PutFileAsync(server, plugin, "added.yaml", VersionTestPlugins.Catalog);
        await VersionTestPlugins.PutFileAsync(server, plugin, "team.yaml", VersionTestPlugins.Catalog.Replace("team-llm", "team-llm-2", StringComparison.Ordinal));
        var other = await VersionTestPlugins.CreateAsync(server); // a later change of another plugin
        var before = server.RepositoryHead();
        var commits = server.CommitCount();

        using var response = await server.Admin.SendJsonAsync(HttpMethod.Post, $"plugins/{plugin}:rollback", $$"""{"to":"{{target[..10]}}"}""", $"\"{before}\"");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.JsonAsync();
        Assert.Equal(target, body.GetProperty("to").GetString());
        Assert.Equal(server.RepositoryHead(), body.GetProperty("head").GetString());
        Assert.Equal(commits + 1, server.CommitCount());
        var head = server.RepositoryHead();
        Assert.Equal(VersionTestPlugins.FolderTree(server, target, plugin), VersionTestPlugins.FolderTree(server, head, plugin));
        Assert.Equal(VersionTestPlugins.FolderTree(server, before, other), VersionTestPlugins.FolderTree(server, head, other));
        var commit = server.LastCommit(out var repository);
        using (repository)
        {
            Assert.Equal($"{plugin}: roll back to {target[..7]}", commit.MessageShort);
            Assert.Contains($"Rolled-Back-To: {target}", commit.Message, StringComparison.Ordinal);
            Assert.Contains("Changed-By: alice", commit.Message, StringComparison.Ordinal);
        }

        using var again = await server.Admin.SendJsonAsync(HttpMethod.Post, $"plugins/{plugin}:rollback", $$"""{"to":"{{target}}"}""", "*");
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal("unchanged", again.Headers.GetValues("X-Change-Outcome").Single());
        Assert.Equal(commits + 1, server.CommitCount());
    }

    [Fact]
    public async Task Rollback_ToAnUnknownCommit_Returns404_AndToACommitWithoutThePlugin422_WritingNothing()
    {
        var seed = server.RepositoryHead();
        var plugin = await VersionTestPlugins.CreateAsync(server);
        var head = server.RepositoryHead();

        using var unknown = await server.Admin.SendJsonAsync(HttpMethod.Post, $"plugins/{plugin}:rollback", """{"to":"0123456789abcdef0123456789abcdef01234567"}""", "*");
        await unknown.AssertProblemAsync(HttpStatusCode.NotFound, "commit-not-found");
        using var missing = await server.Admin.SendJsonAsync(HttpMethod.Post, $"plugins/{plugin}:rollback", $$"""{"to":"{{seed}}"}""", "*");
        var problem = await missing.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "plugin-missing-at-commit");
        Assert.Equal(seed, problem.GetProperty("commit").GetString());
        using var noSha = await server.Admin.SendJsonAsync(HttpMethod.Post, $"plugins/{plugin}:rollback", """{"to":"main~1"}""", "*");
        await noSha.AssertProblemAsync(HttpStatusCode.BadRequest, "bad-request");
        using var operatorCall = await server.Operator.SendJsonAsync(HttpMethod.Post, $"plugins/{plugin}:rollback", $$"""{"to":"{{head}}"}""", "*");
        Assert.Equal(HttpStatusCode.Forbidden, operatorCall.StatusCode);
        using var noIfMatch = await server.Admin.SendJsonAsync(HttpMethod.Post, $"plugins/{plugin}:rollback", $$"""{"to":"{{head}}"}""", null);
        await noIfMatch.AssertProblemAsync(HttpStatusCode.PreconditionRequired, "if-match-required");

        Assert.Equal(head, server.RepositoryHead());
        using var after = await server.Viewer.GetAsync(new Uri("status", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
    }

    private async Task<JsonElement> GetAsync(string path)
    {
        using var response = await server.Viewer.GetAsync(new Uri(path, UriKind.Relative));
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return await response.JsonAsync();
    }

    private static IEnumerable<string> Shas(JsonElement page) => page.GetProperty("versions").EnumerateArray().Select(v => v.GetProperty("sha").GetString()!);
}
