using System.Net;
using System.Text.Json;

namespace GitOps.WebhookApi.Tests.Graph;

/// <summary>Secret names in GraphQL: the same list as <c>GET /plugins/{plugin}/secrets</c> and <c>GET /secrets</c>, writes
/// with the REST roles and expectedHead, and never a value in an answer (the schema has no field for one).</summary>
public sealed class GraphSecretTests(ApiServer server) : IClassFixture<ApiServer>
{
    private const string RestValue = "rest-value-9d1e-never-shown";
    private const string GraphValue = "graph-value-7c2a-never-shown";

    public const string SecretsQuery = "query Secrets($plugin: String!) { secrets(plugin: $plugin) { plugin newestKeyId secrets { name format keyId lastCommit lastChangedAt lastChangedBy } } }";
    public const string SecretsStatusQuery = "query SecretsStatus { secretsStatus { newestKeyId recipient keys { id values newest } ageValues unknownKeyValues } }";
    public const string PutSecretMutation = "mutation Put($head: String!, $value: String!) { putSecret(plugin: \"models\", name: \"db_password\", value: $value, expectedHead: $head) { head committed secret { name format keyId lastCommit } } }";
    public const string DeleteSecretMutation = "mutation Delete($head: String!) { deleteSecret(plugin: \"models\", name: \"db_password\", expectedHead: $head) { head committed } }";
    public const string RotateMutation = "mutation { rotateSecrets(expectedHead: \"*\") { head committed rotated } }";
    public const string SecretTypeQuery = "{ __type(name: \"Secret\") { fields { name } } }";

    /// <summary>Every document this class sends (validated with graphql-js by <see cref="GraphClientTests"/>).</summary>
    public static readonly string[] Documents = [SecretsQuery, SecretsStatusQuery, PutSecretMutation, DeleteSecretMutation, RotateMutation, SecretTypeQuery];

    [Fact]
    public async Task SecretNames_ReadAndWrittenThroughGraphQL_MatchRest_AndNoAnswerCarriesAValue()
    {
        var answers = new List<string>();
        using (var created = await server.Admin.SendJsonAsync(HttpMethod.Put, "plugins/models/secrets/api_token", JsonSerializer.Serialize(new { value = RestValue }), "*"))
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        await SameAsync("plugins/models/secrets", SecretsQuery, new { plugin = "models" }, d => d.GetProperty("secrets"), answers);
        await SameAsync("plugins/mcp/secrets", SecretsQuery, new { plugin = "mcp" }, d => d.GetProperty("secrets"), answers);
        await SameAsync("secrets", SecretsStatusQuery, null, d => d.GetProperty("secretsStatus"), answers);

        // putSecret: admin, on the head read; one commit, answered with the name and key id only.
        var head = server.RepositoryHead();
        var (response, body) = await server.Admin.GraphAsync(PutSecretMutation, new { head, value = GraphValue });
        answers.Add(body.ToString());
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var put = body.GetProperty("data").GetProperty("putSecret");
        Assert.True(put.GetProperty("committed").GetBoolean());
        Assert.Equal(server.RepositoryHead(), put.GetProperty("head").GetString());
        Assert.NotEqual(head, put.GetProperty("head").GetString());
        Assert.Equal("db_password", put.GetProperty("secret").GetProperty("name").GetString());
        Assert.Equal("envelope", put.GetProperty("secret").GetProperty("format").GetString());
        var rest = await (await server.Viewer.GetAsync(new Uri("plugins/models/secrets", UriKind.Relative))).JsonAsync();
        var listed = rest.GetProperty("secrets").EnumerateArray().Single(s => s.GetProperty("name").GetString() == "db_password");
        Assert.Equal(put.GetProperty("secret").GetProperty("keyId").GetString(), listed.GetProperty("keyId").GetString());
        Assert.Equal(put.GetProperty("head").GetString(), listed.GetProperty("lastCommit").GetString());
        await SameAsync("plugins/models/secrets", SecretsQuery, new { plugin = "models" }, d => d.GetProperty("secrets"), answers);
        var file = await server.Admin.GetStringAsync(new Uri("plugins/models/files/secrets.yaml", UriKind.Relative));
        Assert.DoesNotContain(GraphValue, file, StringComparison.Ordinal);

        // Nothing to re-encrypt with a single key: no commit, and the head stays.
        var rotate = (await server.Admin.DataAsync(RotateMutation)).GetProperty("rotateSecrets");
        Assert.False(rotate.GetProperty("committed").GetBoolean());
        Assert.Equal(0, rotate.GetProperty("rotated").GetInt32());
        Assert.Equal(server.RepositoryHead(), rotate.GetProperty("head").GetString());

        var deleted = (await server.Admin.DataAsync(DeleteSecretMutation, new { head = server.RepositoryHead() })).GetProperty("deleteSecret");
        Assert.True(deleted.GetProperty("committed").GetBoolean());
        rest = await (await server.Viewer.GetAsync(new Uri("plugins/models/secrets", UriKind.Relative))).JsonAsync();
        Assert.DoesNotContain(rest.GetProperty("secrets").EnumerateArray(), s => s.GetProperty("name").GetString() == "db_password");

        // The Secret type has no field a value could come back in.
        var type = (await server.Viewer.DataAsync(SecretTypeQuery)).GetProperty("__type");
        Assert.Equal(["format", "keyId", "lastChangedAt", "lastChangedBy", "lastCommit", "name"],
            type.GetProperty("fields").EnumerateArray().Select(f => f.GetProperty("name").GetString()).Order(StringComparer.Ordinal));
        Assert.All(answers, a => Assert.DoesNotContain(RestValue, a, StringComparison.Ordinal));
        Assert.All(answers, a => Assert.DoesNotContain(GraphValue, a, StringComparison.Ordinal));
    }

    private async Task SameAsync(string path, string query, object? variables, Func<JsonElement, JsonElement> select, List<string> answers)
    {
        using var response = await server.Viewer.GetAsync(new Uri(path, UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var rest = await response.JsonAsync();
        var graph = select(await server.Viewer.DataAsync(query, variables));
        answers.Add(graph.ToString());
        JsonParity.AssertSame(rest, graph, path);
    }
}
