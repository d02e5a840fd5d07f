using System.Net;
using System.Text;

namespace GitOps.WebhookApi.Tests.Http;

/// <summary>Every error a mutation can answer with is problem+json with a stable type, and writes nothing.</summary>
public sealed class MutationsTests(ApiServer server) : IClassFixture<ApiServer>
{
    private const string Source = "plugins/models/sources/organization_ai_models";

    [Fact]
    public async Task MissingIfMatch_Returns428AndWritesNothing() =>
        await AssertNothingWrittenAsync(HttpStatusCode.PreconditionRequired, "if-match-required",
            () => server.Admin.SendJsonAsync(HttpMethod.Patch, Source, """{"enabled":false}""", null, "application/merge-patch+json"));

    [Fact]
    public async Task StaleIfMatch_Returns409WithCurrentAndExpectedHead()
    {
        var stale = "\"0000000000000000000000000000000000000000\"";
        var problem = await AssertNothingWrittenAsync(HttpStatusCode.Conflict, "head-moved",
            () => server.Admin.SendJsonAsync(HttpMethod.Patch, Source, """{"enabled":false}""", stale, "application/merge-patch+json"));

        Assert.Equal(server.RepositoryHead(), problem.GetProperty("currentHead").GetString());
        Assert.Equal("0000000000000000000000000000000000000000", problem.GetProperty("expectedHead").GetString());
    }

    [Fact]
    public async Task MalformedJson_Returns400SayingWhere()
    {
        var problem = await AssertNothingWrittenAsync(HttpStatusCode.BadRequest, "bad-request",
            () => server.Admin.SendJsonAsync(HttpMethod.Post, "plugins/models/sources", "{\n  \"id\": \"x\",\n  \"type\": yaml\n}", "*"));

        Assert.Equal(3, problem.GetProperty("line").GetInt32());
        Assert.Contains("line 3", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task WrongFieldType_Returns400NamingThePath()
    {
        var problem = await AssertNothingWrittenAsync(HttpStatusCode.BadRequest, "bad-request",
            () => server.Admin.SendJsonAsync(HttpMethod.Post, "plugins/models/sources", """{"id":"x","type":"yaml","enabled":"yes"}""", "*"));

        Assert.Equal("$.enabled", problem.GetProperty("path").GetString());
    }

    [Fact]
    public async Task WrongContentType_Returns415() =>
        await AssertNothingWrittenAsync(HttpStatusCode.UnsupportedMediaType, "unsupported-media-type",
            () => server.Admin.SendJsonAsync(HttpMethod.Post, "plugins/models/sources", """{"id":"x","type":"yaml"}""", "*", "text/plain"));

    [Fact]
    public async Task BodyOver1MiB_Returns413()
    {
        var big = Encoding.UTF8.GetBytes("{\"id\":\"x\",\"name\":\"" + new string('a', 1024 * 1024 + 10) + "\"}");
        await AssertNothingWrittenAsync(HttpStatusCode.RequestEntityTooLarge, "payload-too-large",
            () => server.Admin.SendBytesAsync(HttpMethod.Post, "plugins/models/sources", big, "application/json", "*"));
    }

    [Fact]
    public async Task InvalidResult_Returns422WithValidatorErrors()
    {
        var problem = await AssertNothingWrittenAsync(HttpStatusCode.UnprocessableEntity, "validation-failed",
            () => server.Admin.SendJsonAsync(HttpMethod.Post, "plugins/models/sources",
                """{"id":"broken","type":"yaml","properties":{"yamlCatalogPath":"missing.yaml"}}""", "*"));

        var error = problem.GetProperty("errors")[0];
        Assert.Equal("plugins/models/sources.yaml", error.GetProperty("file").GetString());
        Assert.True(error.GetProperty("line").GetInt32() > 0);
        Assert.Contains("missing.yaml", error.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task MissingRequiredField_Returns422NamingTheField()
    {
        var problem = await AssertNothingWrittenAsync(HttpStatusCode.UnprocessableEntity, "validation-failed",
            () => server.Admin.SendJsonAsync(HttpMethod.Post, "plugins/models/sources", """{"id":"no_type"}""", "*"));

        Assert.Equal("type", problem.GetProperty("errors")[0].GetProperty("field").GetString());
    }

    [Fact]
    public async Task DuplicateSource_Returns409AlreadyExists() =>
        await AssertNothingWrittenAsync(HttpStatusCode.Conflict, "already-exists",
            () => server.Admin.SendJsonAsync(HttpMethod.Post, "plugins/models/sources",
                """{"id":"organization_ai_models","type":"yaml","properties":{"yamlCatalogPath":"organization-models.yaml"}}""", "*"));

    [Fact]
    public async Task UnknownSource_Returns404() =>
        await AssertNothingWrittenAsync(HttpStatusCode.NotFound, "not-found",
            () => server.Admin.SendJsonAsync(HttpMethod.Delete, "plugins/models/sources/nope", null, "*"));

    [Fact]
    public async Task PatchChangingId_Returns400() =>
        await AssertNothingWrittenAsync(HttpStatusCode.BadRequest, "bad-request",
            () => server.Admin.SendJsonAsync(HttpMethod.Patch, Source, """{"id":"other"}""", "*", "application/merge-patch+json"));

    [Fact]
    public async Task NoToken_Returns401() =>
        await AssertNothingWrittenAsync(HttpStatusCode.Unauthorized, "unauthorized",
            () => server.Anonymous.SendJsonAsync(HttpMethod.Patch, Source, """{"enabled":false}""", "*", "application/merge-patch+json"));

    [Fact]
    public async Task ViewerMutation_Returns403() =>
        await AssertNothingWrittenAsync(HttpStatusCode.Forbidden, "forbidden",
            () => server.Viewer.SendJsonAsync(HttpMethod.Patch, Source, """{"enabled":false}""", "*", "application/merge-patch+json"));

    [Fact]
    public async Task UnknownRoute_ReturnsProblem404()
    {
        using var response = await server.Viewer.GetAsync(new Uri("no/such/route", UriKind.Relative));

        await response.AssertProblemAsync(HttpStatusCode.NotFound, "not-found");
    }

    private async Task<System.Text.Json.JsonElement> AssertNothingWrittenAsync(HttpStatusCode status, string slug, Func<Task<HttpResponseMessage>> send)
    {
        var head = server.RepositoryHead();
        var commits = server.CommitCount();
        using var response = await send();
        var problem = await response.AssertProblemAsync(status, slug);
        Assert.Equal(head, server.RepositoryHead());
        Assert.Equal(commits, server.CommitCount());
        Assert.DoesNotContain("   at ", problem.ToString(), StringComparison.Ordinal);
        return problem;
    }
}
