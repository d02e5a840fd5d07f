using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;

using GitOps.WebhookApi.Tests.Drafts;

namespace GitOps.WebhookApi.Tests.Plans;

/// <summary><c>POST /api/v1/plan</c> and <c>GET /api/v1/drafts/{id}/plan</c> on the real service (docs/DRAFTS.md, "Plan").</summary>
public sealed class PlanEndpointsTests(PlanServer server) : IClassFixture<PlanServer>
{
    private const string ModelsSources = "plugins/models/sources.yaml";

    [Fact]
    public async Task Drafts_AreShownOnlyToCallersWhoSeeAPluginTheyTouch()
    {
        var models = await server.Operator.CreateDraftAsync("scoped-models", "Disable the organization's models");
        await server.Operator.EditDraftAsync("scoped-models", "models", "organization_ai_models", models);
        var mcp = await server.Operator.CreateDraftAsync("scoped-mcp", "Disable community MCP");
        await server.Operator.EditDraftAsync("scoped-mcp", "mcp", "community_mcp", mcp);

        var seen = await DraftIdsAsync(server.McpOperator);
        Assert.Contains("scoped-mcp", seen);
        Assert.DoesNotContain("scoped-models", seen);
        using (var hidden = await server.McpOperator.GetAsync(new Uri("drafts/scoped-models", UriKind.Relative)))
            Assert.Equal(HttpStatusCode.NotFound, hidden.StatusCode);
        Assert.Contains("scoped-models", await DraftIdsAsync(server.Viewer));
        using (var shown = await server.Viewer.GetAsync(new Uri("drafts/scoped-models", UriKind.Relative)))
            Assert.Equal(HttpStatusCode.OK, shown.StatusCode);
    }

    private static async Task<List<string?>> DraftIdsAsync(HttpClient client)
    {
        using var response = await client.GetAsync(new Uri("drafts", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return [.. (await response.JsonAsync()).GetProperty("drafts").EnumerateArray().Select(d => d.GetProperty("id").GetString())];
    }

    [Fact]
    public async Task PostPlan_OfAChangedCatalogPath_AnswersFieldsCountsAndConfigMapKeys_AndCommitsNothing()
    {
        var head = server.Head();
        var sources = PlanServer.ExampleFile(ModelsSources).Replace("yamlCatalogPath: organization-models.yaml", "yamlCatalogPath: validated-models.yaml", StringComparison.Ordinal);

        using var response = await PostAsync(server.Operator, Body(null, (ModelsSources, sources)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var plan = await response.JsonAsync();
        Assert.Equal(head, plan.GetProperty("base").GetString());
        Assert.Equal(JsonValueKind.Null, plan.GetProperty("head").ValueKind);
        Assert.True(plan.GetProperty("valid").GetBoolean());
        var models = Assert.Single(plan.GetProperty("plugins").EnumerateArray());
        Assert.Equal(("models", "Changed"), (models.GetProperty("plugin").GetString(), models.GetProperty("change").GetString()));
        var source = Assert.Single(models.GetProperty("sources").EnumerateArray());
        Assert.Equal("organization_ai_models", source.GetProperty("id").GetString());
        var field = Assert.Single(source.GetProperty("fields").EnumerateArray());
        Assert.Equal(("properties.yamlCatalogPath", "organization-models.yaml", "validated-models.yaml"),
            (field.GetProperty("path").GetString(), field.GetProperty("before").GetString(), field.GetProperty("after").GetString()));
        Assert.True(source.GetProperty("entities").GetProperty("before").GetInt32() > 0);
        Assert.True(source.GetProperty("entities").GetProperty("after").GetInt32() > 0);
        Assert.Contains(models.GetProperty("configMaps").EnumerateArray(), c => c.GetProperty("name").GetString() == "gitops-models"
            && c.GetProperty("key").GetString() == "sources.yaml" && c.GetProperty("change").GetString() == "Changed");
        Assert.Equal(1, plan.GetProperty("summary").GetProperty("sourcesChanged").GetInt32());
        Assert.Equal(head, server.Head());
    }

    [Fact]
    public async Task PostPlan_OfAnInvalidChange_AnswersTheErrorsWithLineAndColumn()
    {
        var sources = PlanServer.ExampleFile(ModelsSources).Replace("id: community_models", "id: organization_ai_models", StringComparison.Ordinal);

        using var response = await PostAsync(server.Operator, Body(null, (ModelsSources, sources)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var plan = await response.JsonAsync();
        Assert.False(plan.GetProperty("valid").GetBoolean());
        var error = Assert.Single(plan.GetProperty("errors").EnumerateArray());
        Assert.Equal(ModelsSources, error.GetProperty("file").GetString());
        Assert.True(error.GetProperty("line").GetInt32() > 1);
        Assert.True(error.GetProperty("column").GetInt32() > 0);
    }

    [Theory]
    [InlineData("[1]", "")]
    [InlineData("{}", "files")]
    [InlineData("{\"files\": {}}", "files")]
    [InlineData("{\"files\": {\"plugins/models/a.yaml\": 3}}", "files.plugins/models/a.yaml")]
    [InlineData("{\"files\": {\"models/sources.yaml\": \"x\"}}", "files.models/sources.yaml")]
    [InlineData("{\"files\": {\"plugins/models/../x.yaml\": \"x\"}}", "files.plugins/models/../x.yaml")]
    [InlineData("{\"files\": {\"plugins/models/a.yaml\": \"x\"}, \"extra\": 1}", "extra")]
    [InlineData("{\"files\": {\"plugins/models/a.yaml\": \"x\"}, \"base\": null}", "base")]
    [InlineData("{\"files\": {\"plugins/models/a.yaml\": \"x\"}, \"base\": \"0123456789abcdef0123456789abcdef01234567\"}", "base")]
    public async Task PostPlan_WithABadBody_Answers422NamingTheField(string json, string field)
    {
        using var response = await PostAsync(server.Operator, json);

        var problem = await response.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "validation-failed");
        Assert.Contains(problem.GetProperty("errors").EnumerateArray(), e => e.GetProperty("field").GetString() == field);
    }

    [Fact]
    public async Task PostPlan_MalformedOrAsAViewerOrOutsideTheGrant_IsRefused()
    {
        using var malformed = await PostAsync(server.Operator, "{\"files\": ");
        using var viewer = await PostAsync(server.Viewer, Body(null, (ModelsSources, "x")));
        using var outside = await PostAsync(server.McpOperator, Body(null, (ModelsSources, "x")));
        using var yaml = await server.Operator.SendJsonAsync(HttpMethod.Post, "plan", Body(null, (ModelsSources, "x")), null, "application/yaml");

        await malformed.AssertProblemAsync(HttpStatusCode.BadRequest, "bad-request");
        Assert.Equal(HttpStatusCode.Forbidden, viewer.StatusCode);
        var problem = await outside.AssertProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        Assert.DoesNotContain("models", problem.GetProperty("detail").GetString(), StringComparison.Ordinal); // not in their grants: not named
        await yaml.AssertProblemAsync(HttpStatusCode.UnsupportedMediaType, "unsupported-media-type");
    }

    [Fact]
    public async Task GetDraftPlan_ShowsTheDraftAgainstTheTrackedHead_CutToTheCallersPlugins()
    {
        var head = server.Head();
        var servers = PlanServer.ExampleFile("plugins/mcp/community-mcp.yaml").TrimEnd('\n') + "\n  - name: planned-server\n    description: one more\n";
        var models = PlanServer.ExampleFile(ModelsSources).Replace("yamlCatalogPath: organization-models.yaml", "yamlCatalogPath: validated-models.yaml", StringComparison.Ordinal);
        var draftHead = server.CreateDraft("two-plugins", ("plugins/mcp/community-mcp.yaml", servers), (ModelsSources, models));

        using var all = await server.Viewer.GetAsync(new Uri("drafts/two-plugins/plan", UriKind.Relative));
        using var scoped = await server.McpOperator.GetAsync(new Uri("drafts/two-plugins/plan", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, all.StatusCode);
        var plan = await all.JsonAsync();
        Assert.Equal((head, draftHead), (plan.GetProperty("base").GetString(), plan.GetProperty("head").GetString()));
        Assert.Equal(["mcp", "models"], plan.GetProperty("plugins").EnumerateArray().Select(p => p.GetProperty("plugin").GetString()));
        var mcp = (await scoped.JsonAsync()).GetProperty("plugins");
        var only = Assert.Single(mcp.EnumerateArray());
        Assert.Equal("mcp", only.GetProperty("plugin").GetString());
        var entities = Assert.Single(only.GetProperty("sources").EnumerateArray()).GetProperty("entities");
        Assert.Equal(1, entities.GetProperty("after").GetInt32() - entities.GetProperty("before").GetInt32());
        Assert.Equal(head, server.Head());
    }

    [Fact]
    public async Task GetDraftPlan_OfAnUnknownDraft_Is404DraftNotFound()
    {
        using var response = await server.Viewer.GetAsync(new Uri("drafts/no-such-draft/plan", UriKind.Relative));

        var problem = await response.AssertProblemAsync(HttpStatusCode.NotFound, "draft-not-found");
        Assert.Contains("no-such-draft", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    private static Task<HttpResponseMessage> PostAsync(HttpClient client, string json) => client.SendJsonAsync(HttpMethod.Post, "plan", json, null);

    private static string Body(string? @base, params (string Path, string? Content)[] files)
    {
        var body = new JsonObject { ["files"] = new JsonObject(files.Select(f => KeyValuePair.Create(f.Path, (JsonNode?)f.Content))) };
        if (@base is not null) body["base"] = @base;
        return body.ToJsonString();
    }
}
