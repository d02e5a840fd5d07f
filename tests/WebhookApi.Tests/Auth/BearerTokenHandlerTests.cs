using System.Net;

namespace GitOps.WebhookApi.Tests.Auth;

public sealed class BearerTokenHandlerTests(ApiServer server) : IClassFixture<ApiServer>
{
    private const string Source = "plugins/models/sources/organization_ai_models";

    [Fact]
    public async Task Get_WithoutToken_Returns401Problem()
    {
        using var response = await server.Anonymous.GetAsync(new Uri("plugins", UriKind.Relative));

        await response.AssertProblemAsync(HttpStatusCode.Unauthorized, "unauthorized");
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
    }

    [Fact]
    public async Task Get_WithUnknownToken_Returns401()
    {
        using var client = server.Client("not-a-configured-token");

        using var response = await client.GetAsync(new Uri("plugins", UriKind.Relative));

        await response.AssertProblemAsync(HttpStatusCode.Unauthorized, "unauthorized");
    }

    [Fact]
    public async Task Get_AsViewer_Returns200()
    {
        using var response = await server.Viewer.GetAsync(new Uri("plugins", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Operator_CanToggleEnabled_AndBecomesTheAuthor()
    {
        using var disabled = await server.Operator.SendJsonAsync(HttpMethod.Patch, Source, """{"enabled":false}""", await server.Operator.ETagAsync(), "application/merge-patch+json");
        Assert.Equal(HttpStatusCode.OK, disabled.StatusCode);
        var commit = server.LastCommit(out var repository);
        using (repository)
        {
            Assert.Equal("olivia", commit.Author.Name);
            Assert.Equal("models: disable source organization_ai_models", commit.MessageShort);
        }

        using var enabled = await server.Operator.SendJsonAsync(HttpMethod.Patch, Source, """{"enabled":true}""", "*", "application/merge-patch+json");
        Assert.Equal(HttpStatusCode.OK, enabled.StatusCode);
        Assert.True((await enabled.JsonAsync()).GetProperty("enabled").GetBoolean());
    }

    [Fact]
    public async Task Operator_CannotChangeOtherFields()
    {
        var head = server.RepositoryHead();

        using var response = await server.Operator.SendJsonAsync(HttpMethod.Patch, Source, """{"enabled":false,"name":"x"}""", "*", "application/merge-patch+json");

        await response.AssertProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        Assert.Equal(head, server.RepositoryHead());
    }

    [Fact]
    public async Task Operator_CannotDelete()
    {
        var head = server.RepositoryHead();

        using var response = await server.Operator.SendJsonAsync(HttpMethod.Delete, Source, null, "*");

        await response.AssertProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        Assert.Equal(head, server.RepositoryHead());
    }

    [Fact]
    public async Task Viewer_CannotPutFiles()
    {
        using var response = await server.Viewer.SendBytesAsync(HttpMethod.Put, "plugins/models/files/x.yaml", "a: 1\n"u8.ToArray(), "application/yaml", "*");

        await response.AssertProblemAsync(HttpStatusCode.Forbidden, "forbidden");
    }
}
