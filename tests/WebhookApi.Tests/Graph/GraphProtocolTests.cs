using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace GitOps.WebhookApi.Tests.Graph;

/// <summary>GraphQL over HTTP on the running host: methods, media types, the SDL, and each protection limit refusing by name.</summary>
public sealed class GraphProtocolTests(ApiServer server) : IClassFixture<ApiServer>
{
    public const string EveryEntityOfEverySource =
        "query Everything { plugins { sources { entities(first: 500) { edges { node { name fields } } } } } }";
    public const string OneFullPage =
        "query OnePage { entities(plugin: \"models\", source: \"organization_ai_models\", first: 500) { totalCount edges { cursor node { name fields } } } }";
    public const string TooDeep =
        "query Deep { __schema { types { fields { type { ofType { ofType { ofType { ofType { ofType { ofType { ofType { ofType { ofType { ofType { ofType { ofType { name } } } } } } } } } } } } } } } } }";
    public const string Introspection = "query Types { __schema { queryType { name } types { name } } }";
    public const string GetMutation = "mutation Reconcile { reconcile(expectedHead: \"*\") { head requested } }";

    public static readonly string[] Documents =
        [EveryEntityOfEverySource, OneFullPage, EveryEntityPerPage, Introspection, GetMutation, "{ head plugins { name } }", SourceStates, GraphTimeoutTests.Query];

    [Fact]
    public async Task Get_RunsAQuery_AndAnswersGraphQLResponseJson()
    {
        using var response = await server.Viewer.GetAsync(new Uri("/graphql?query=" + Uri.EscapeDataString("{ head plugins { name } }"), UriKind.Relative));
        var body = await response.JsonAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/graphql-response+json", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal(server.RepositoryHead(), body.GetProperty("data").GetProperty("head").GetString());
        Assert.Contains("models", body.GetProperty("data").GetProperty("plugins").EnumerateArray().Select(p => p.GetProperty("name").GetString()));
    }

    [Fact]
    public async Task Get_WithAMutation_Is405AndRunsNothing()
    {
        var commits = server.CommitCount();
        using var response = await server.Admin.GetAsync(new Uri("/graphql?query=" + Uri.EscapeDataString(GetMutation), UriKind.Relative));
        var (code, _) = (await response.JsonAsync()).FirstError();

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Equal("METHOD_NOT_ALLOWED", code);
        Assert.Equal("POST", response.Content.Headers.Allow.Single());
        Assert.Equal(commits, server.CommitCount());
    }

    [Fact]
    public async Task EveryEntityOfEverySource_IsRefusedBeforeExecutionWithItsComputedCost()
    {
        var (response, body) = await server.Viewer.GraphAsync(EveryEntityOfEverySource);
        var (code, error) = body.FirstError();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("COST_LIMIT", code);
        Assert.False(body.TryGetProperty("data", out _));
        var extensions = error.GetProperty("extensions");
        Assert.Equal("maxCost", extensions.GetProperty("limit").GetString());
        Assert.True(extensions.GetProperty("computed").GetDouble() > extensions.GetProperty("maximum").GetDouble());
        Assert.Contains($"{extensions.GetProperty("computed").GetDouble():0}", error.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    public const string EveryEntityPerPage =
        "query EveryPage($first: Int = 1) { plugins { sources { entities(first: $first) { edges { node { name } } } } } }";

    [Fact]
    public async Task ADocumentThatPassedWithoutVariables_IsCheckedAgainWhenVariablesRaiseItsCost()
    {
        // Without variables the default (first: 1) keeps it cheap; the server then skips the cost check for that text.
        Assert.True((await server.Viewer.GraphAsync(EveryEntityPerPage)).Body.TryGetProperty("data", out _));
        Assert.True((await server.Viewer.GraphAsync(EveryEntityPerPage)).Body.TryGetProperty("data", out _));

        var (response, body) = await server.Viewer.GraphAsync(EveryEntityPerPage, new { first = 500 });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("COST_LIMIT", body.FirstError().Code);
    }

    [Fact]
    public async Task OneSourcesLargestPage_IsWithinTheCostLimit()
    {
        var data = await server.Viewer.DataAsync(OneFullPage);

        var entities = data.GetProperty("entities");
        Assert.Equal(entities.GetProperty("totalCount").GetInt32(), entities.GetProperty("edges").GetArrayLength());
    }

    [Fact]
    public async Task TooDeepAQuery_IsRefusedNamingTheDepthLimit()
    {
        var (response, body) = await server.Viewer.GraphAsync(TooDeep);
        var (code, error) = body.FirstError();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("DEPTH_LIMIT", code);
        Assert.Equal("maxDepth", error.GetProperty("extensions").GetProperty("limit").GetString());
    }

    [Fact]
    public async Task Introspection_IsOnlyForAuthenticatedCallers()
    {
        var (anonymousResponse, anonymous) = await server.Anonymous.GraphAsync(Introspection);
        var viewer = await server.Viewer.DataAsync(Introspection);

        var (code, error) = anonymous.FirstError();
        Assert.Equal(HttpStatusCode.BadRequest, anonymousResponse.StatusCode);
        Assert.Equal("UNAUTHENTICATED", code);
        Assert.Equal("introspection", error.GetProperty("extensions").GetProperty("limit").GetString());
        Assert.Equal("Query", viewer.GetProperty("__schema").GetProperty("queryType").GetProperty("name").GetString());
    }

    [Fact]
    public async Task ARequestOverTheSizeLimit_IsRefusedWith413NamingTheLimit()
    {
        var content = new string('a', 2 * 1024 * 1024 + 1);
        var body = $"{{\"query\":\"mutation {{ putFile(plugin: \\\"models\\\", name: \\\"big.yaml\\\", content: \\\"{content}\\\", expectedHead: \\\"*\\\") {{ head }} }}\"}}";
        var commits = server.CommitCount();
        using var response = await server.Admin.PostAsync(GraphRequests.Endpoint, new StringContent(body, Encoding.UTF8, "application/json"));
        var (code, _) = (await response.JsonAsync()).FirstError();

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("REQUEST_SIZE_LIMIT", code);
        Assert.Equal(commits, server.CommitCount());
    }

    [Fact]
    public async Task ApplicationJson_IsAnsweredToo_With200ForRequestErrors()
    {
        var (response, body) = await server.Viewer.GraphAsync("{ nosuchfield }", accept: "application/json");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
        Assert.True(body.GetProperty("errors").GetArrayLength() > 0);
    }

    [Fact]
    public async Task NonJsonPost_Is415()
    {
        using var response = await server.Viewer.PostAsync(GraphRequests.Endpoint, new StringContent("{ head }", Encoding.UTF8, "text/plain"));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal("UNSUPPORTED_MEDIA_TYPE", (await response.JsonAsync()).FirstError().Code);
    }

    [Fact]
    public async Task Sdl_IsServedToAuthenticatedCallers()
    {
        using var anonymous = await server.Anonymous.GetAsync(new Uri("/graphql/schema.graphql", UriKind.Relative));
        var sdl = await server.Viewer.GetStringAsync(new Uri("/graphql/schema.graphql", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        foreach (var type in new[] { "type Query", "type Mutation", "type Subscription", "type Plugin", "type Source", "type EntityConnection", "type Commit", "type Status" })
            Assert.Contains(type, sdl, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SourceStateSubscription_SeesARefreshMadeThroughRest()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, GraphRequests.Endpoint)
        {
            Content = new StringContent("{\"query\":\"" + SourceStates.Replace("\"", "\\\"", StringComparison.Ordinal) + "\"}", Encoding.UTF8, "application/json"),
        };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        using var stream = await server.Viewer.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal("text/event-stream", stream.Content.Headers.ContentType!.MediaType);
        using var reader = new StreamReader(await stream.Content.ReadAsStreamAsync());

        using var refresh = await server.Operator.SendJsonAsync(HttpMethod.Post, "plugins/mcp/sources/organization_mcp/refresh", null, null);
        Assert.Equal(HttpStatusCode.OK, refresh.StatusCode);
        string? line;
        do line = await reader.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(30));
        while (line is not null && !line.StartsWith("data: {", StringComparison.Ordinal));

        Assert.NotNull(line);
        var data = System.Text.Json.JsonDocument.Parse(line["data: ".Length..]).RootElement.GetProperty("data").GetProperty("sourceStateChanged");
        Assert.Equal("mcp", data.GetProperty("plugin").GetString());
        Assert.Equal("organization_mcp", data.GetProperty("source").GetString());
        Assert.Equal("Ready", data.GetProperty("status").GetProperty("state").GetString());
    }

    public const string SourceStates = "subscription States { sourceStateChanged(plugin: \"mcp\", source: \"organization_mcp\") { plugin source status { state entityCount lastRefreshedAt } } }";

    [Fact]
    public async Task AMutationOverSse_AnswersOneNextEventThenComplete()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, GraphRequests.Endpoint)
        {
            Content = new StringContent("{\"query\":\"mutation { reconcile(expectedHead: \\\"*\\\") { head requested } }\"}", Encoding.UTF8, "application/json"),
        };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        using var response = await server.Operator.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal("text/event-stream", response.Content.Headers.ContentType!.MediaType);
        Assert.StartsWith("event: next\ndata: {\"data\":{\"reconcile\":{\"head\":", text, StringComparison.Ordinal);
        Assert.EndsWith("event: complete\ndata: \n\n", text, StringComparison.Ordinal);
    }
}
