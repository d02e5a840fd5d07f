using System.Net;
using System.Text.Json;

namespace GitOps.WebhookApi.Tests.Graph;

/// <summary>Each REST error case of the API tests and its GraphQL twin: the same outcome (problem type ↔ extensions.code)
/// and nothing written by either.</summary>
public sealed class GraphErrorTwinTests(ApiServer server) : IClassFixture<ApiServer>
{
    private const string Stale = GraphErrorTwinCases.Stale;

    public static TheoryData<string, string, string, string?, string, string, string> Cases() => GraphErrorTwinCases.All();

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task RestErrorCase_AndItsGraphQLTwin_HaveTheSameOutcomeAndWriteNothing(
        string name, string method, string path, string? body, string who, string document, string code)
    {
        var (head, commits) = (server.RepositoryHead(), server.CommitCount());
        using var badToken = server.Client("not-a-configured-token");
        var client = who switch { "admin" => server.Admin, "operator" => server.Operator, "viewer" => server.Viewer, "bad-token" => badToken, _ => server.Anonymous };
        path = path.Replace("HEAD", head, StringComparison.Ordinal);
        document = document.Replace("\"HEAD\"", $"\"{head}\"", StringComparison.Ordinal);
        if (path.Contains("ROOT", StringComparison.Ordinal))
        {
            var root = RootCommit();
            (path, document) = (path.Replace("ROOT", root, StringComparison.Ordinal), document.Replace("ROOT", root, StringComparison.Ordinal));
        }

        using var rest = method == "PUTYAML"
            ? await client.SendBytesAsync(HttpMethod.Put, path, System.Text.Encoding.UTF8.GetBytes(body!), "application/yaml", "*")
            : await client.SendJsonAsync(new HttpMethod(method), path, body, method == "GET" ? null : (code == "HEAD_MOVED" ? $"\"{Stale}\"" : "*"));
        var (_, graph) = await client.GraphAsync(document);

        var restCode = rest.StatusCode switch
        {
            HttpStatusCode.Unauthorized => "UNAUTHENTICATED",
            HttpStatusCode.Forbidden => "FORBIDDEN",
            _ => Slug(await rest.JsonAsync()),
        };
        Assert.True(restCode == code, $"{name}: REST answered {(int)rest.StatusCode} {restCode}, expected {code}");
        var (graphCode, error) = graph.FirstError();
        Assert.True(graphCode == code, $"{name}: GraphQL answered {graphCode}: {graph}");
        Assert.False(string.IsNullOrEmpty(error.GetProperty("message").GetString()));
        if (code == "HEAD_MOVED")
        {
            Assert.Equal(head, error.GetProperty("extensions").GetProperty("currentHead").GetString());
            Assert.Equal(Stale, error.GetProperty("extensions").GetProperty("expectedHead").GetString());
        }
        if (code == "VALIDATION_FAILED") Assert.True(error.GetProperty("extensions").GetProperty("errors").GetArrayLength() > 0);
        Assert.Equal(head, server.RepositoryHead());
        Assert.Equal(commits, server.CommitCount());
    }

    [Fact]
    public async Task RefreshTwiceInTheWindow_IsRateLimitedOnBothApisWithRetryAfter()
    {
        using var first = await server.Operator.SendJsonAsync(HttpMethod.Post, "plugins/mcp/sources/community_mcp/refresh", null, null);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        using var rest = await server.Operator.SendJsonAsync(HttpMethod.Post, "plugins/mcp/sources/community_mcp/refresh", null, null);
        var (response, graph) = await server.Operator.GraphAsync(
            "mutation { refreshSource(plugin: \"mcp\", id: \"community_mcp\", expectedHead: \"*\") { head } }");

        Assert.Equal(HttpStatusCode.TooManyRequests, rest.StatusCode);
        Assert.Equal("RATE_LIMITED", Slug(await rest.JsonAsync()));
        var (code, error) = graph.FirstError();
        Assert.Equal("RATE_LIMITED", code);
        Assert.InRange(error.GetProperty("extensions").GetProperty("retryAfterSeconds").GetInt32(), 1, 30);
        Assert.True(response.Headers.RetryAfter is not null);
    }

    [Fact]
    public async Task MutationWithoutExpectedHead_IsRefusedBeforeAnythingRuns()
    {
        var commits = server.CommitCount();
        using var rest = await server.Admin.SendJsonAsync(HttpMethod.Patch, "plugins/models/sources/community_models", "{\"enabled\":false}", null);
        var (response, graph) = await server.Admin.GraphAsync(
            "mutation { patchSource(plugin: \"models\", id: \"community_models\", patch: { enabled: false }) { head } }");

        Assert.Equal(HttpStatusCode.PreconditionRequired, rest.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("expectedHead", graph.GetProperty("errors")[0].GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.False(graph.TryGetProperty("data", out _));
        Assert.Equal(commits, server.CommitCount());
    }

    public const string RevertMutation = "mutation Revert($sha: String!) { revert(sha: $sha, expectedHead: \"*\") { head } }";
    public const string AddSourceWrongType = "mutation { addSource(plugin: \"models\", source: { id: \"x\", type: \"yaml\", enabled: \"yes\" }, expectedHead: \"*\") { head } }";

    /// <summary>The documents of the facts below (validated with graphql-js by <see cref="GraphClientTests"/>; the wrong
    /// type is meant to fail validation and is checked here instead).</summary>
    public static readonly string[] Documents = [RevertMutation];

    [Fact]
    public async Task RevertOfASourceChangedSince_IsAConflictOnBothApis_AndWritesNothing()
    {
        const string source = "plugins/models/sources/organization_ai_models";
        using (var disabled = await server.Admin.SendJsonAsync(HttpMethod.Patch, source, "{\"enabled\":false}", "*"))
            Assert.Equal(HttpStatusCode.OK, disabled.StatusCode);
        var sha = server.RepositoryHead();
        using (var renamed = await server.Admin.SendJsonAsync(HttpMethod.Patch, source, "{\"name\":\"Renamed since\"}", "*"))
            Assert.Equal(HttpStatusCode.OK, renamed.StatusCode);
        var (head, commits) = (server.RepositoryHead(), server.CommitCount());

        using var rest = await server.Admin.SendJsonAsync(HttpMethod.Post, $"history/{sha}/revert", null, "*");
        var (_, graph) = await server.Admin.GraphAsync(RevertMutation, new { sha });

        Assert.Equal("CONFLICT", Slug(await rest.AssertProblemAsync(HttpStatusCode.Conflict, "conflict")));
        var (code, error) = graph.FirstError();
        Assert.Equal("CONFLICT", code);
        Assert.Equal(409, error.GetProperty("extensions").GetProperty("status").GetInt32());
        Assert.Equal(head, server.RepositoryHead());
        Assert.Equal(commits, server.CommitCount());
    }

    [Fact]
    public async Task WrongFieldType_IsRefusedNamingTheField_RestBeforeReadingOn_GraphQLBeforeExecution()
    {
        var (head, commits) = (server.RepositoryHead(), server.CommitCount());
        using var rest = await server.Admin.SendJsonAsync(HttpMethod.Post, "plugins/models/sources", "{\"id\":\"x\",\"type\":\"yaml\",\"enabled\":\"yes\"}", "*");
        var (response, graph) = await server.Admin.GraphAsync(AddSourceWrongType);

        Assert.Equal("$.enabled", (await rest.AssertProblemAsync(HttpStatusCode.BadRequest, "bad-request")).GetProperty("path").GetString());
        // A typed input field is checked by GraphQL validation: the request is refused as a whole, nothing executes.
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.False(graph.TryGetProperty("data", out _));
        Assert.Contains("enabled", graph.GetProperty("errors")[0].GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(head, server.RepositoryHead());
        Assert.Equal(commits, server.CommitCount());
    }

    /// <summary>The seed commit: reverting it would remove every plugin.</summary>
    private string RootCommit()
    {
        server.LastCommit(out var repository);
        using (repository) return repository.Branches["main"].Commits.Last().Sha;
    }

    private static string Slug(JsonElement problem) => problem.GetProperty("type").GetString()! switch
    {
        "urn:gitops:problem:head-moved" => "HEAD_MOVED",
        "urn:gitops:problem:validation-failed" => "VALIDATION_FAILED",
        "urn:gitops:problem:forbidden" => "FORBIDDEN",
        "urn:gitops:problem:unauthorized" => "UNAUTHENTICATED",
        "urn:gitops:problem:not-found" => "NOT_FOUND",
        "urn:gitops:problem:rate-limited" => "RATE_LIMITED",
        "urn:gitops:problem:store-unavailable" => "STORE_UNAVAILABLE",
        "urn:gitops:problem:bad-request" => "BAD_REQUEST",
        "urn:gitops:problem:already-exists" => "ALREADY_EXISTS",
        "urn:gitops:problem:confirmation-required" => "CONFIRMATION_REQUIRED",
        "urn:gitops:problem:conflict" => "CONFLICT",
        var other => other,
    };
}
