using System.Net;
using System.Text;

namespace GitOps.WebhookApi.Tests.Files;

public sealed class FileEndpointsTests(ApiServer server) : IClassFixture<ApiServer>
{
    [Fact]
    public async Task ListFiles_NamesEachFileWithSize()
    {
        using var response = await server.Viewer.GetAsync(new Uri("plugins/models/files", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var names = (await response.JsonAsync()).EnumerateArray().Select(f => f.GetProperty("name").GetString()).ToList();
        Assert.Contains("sources.yaml", names);
        Assert.Contains("organization-models.yaml", names);
    }

    [Fact]
    public async Task GetFile_ReturnsRawYamlAsCommitted()
    {
        using var response = await server.Viewer.GetAsync(new Uri("plugins/models/files/organization-models.yaml", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/yaml", response.Content.Headers.ContentType!.MediaType);
        var expected = await File.ReadAllTextAsync(Path.Combine(GitOps.TestSupport.Hosting.RepositoryRoot.ExamplesRepo, "plugins", "models", "organization-models.yaml"));
        Assert.Equal(expected, await response.Content.ReadAsStringAsync());
        Assert.NotNull(response.Headers.ETag);
    }

    [Fact]
    public async Task PutNewFile_Returns201ThenUpdateReturns200ThenDeleteReturns204()
    {
        var yaml = Encoding.UTF8.GetBytes("models:\n  - name: extra-model\n");

        using var created = await server.Admin.SendBytesAsync(HttpMethod.Put, "plugins/models/files/extra.yaml", yaml, "application/yaml", await server.Admin.ETagAsync());
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal($"\"{server.RepositoryHead()}\"", created.Headers.ETag!.Tag);
        var commit = server.LastCommit(out var repository);
        using (repository) Assert.Equal("models: add file extra.yaml", commit.MessageShort);

        using var updated = await server.Admin.SendBytesAsync(HttpMethod.Put, "plugins/models/files/extra.yaml", Encoding.UTF8.GetBytes("models:\n  - name: other\n"), "application/yaml", "*");
        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        commit = server.LastCommit(out repository);
        using (repository) Assert.Equal("models: update file extra.yaml", commit.MessageShort);
        using var read = await server.Viewer.GetAsync(new Uri("plugins/models/files/extra.yaml", UriKind.Relative));
        Assert.Equal("models:\n  - name: other\n", await read.Content.ReadAsStringAsync());

        using var deleted = await server.Admin.SendJsonAsync(HttpMethod.Delete, "plugins/models/files/extra.yaml", null, "*");
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        using var gone = await server.Viewer.GetAsync(new Uri("plugins/models/files/extra.yaml", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
    }

    [Fact]
    public async Task PutSourcesYaml_ThatIsInvalid_Returns422AndWritesNothing()
    {
        var head = server.RepositoryHead();
        var yaml = Encoding.UTF8.GetBytes("apiVersion: gitops/v1\nplugin: wrong-name\nsources: []\n");

        using var response = await server.Admin.SendBytesAsync(HttpMethod.Put, "plugins/models/files/sources.yaml", yaml, "application/yaml", "*");

        var problem = await response.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "validation-failed");
        Assert.Contains(problem.GetProperty("errors").EnumerateArray(), e => e.GetProperty("field").GetString() == "plugin");
        Assert.Equal(head, server.RepositoryHead());
    }

    [Fact]
    public async Task DeleteReferencedCatalog_Returns422()
    {
        var head = server.RepositoryHead();

        using var response = await server.Admin.SendJsonAsync(HttpMethod.Delete, "plugins/models/files/organization-models.yaml", null, "*");

        await response.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "validation-failed");
        Assert.Equal(head, server.RepositoryHead());
    }

    [Fact]
    public async Task PutFile_WithJsonContentType_Returns415()
    {
        using var response = await server.Admin.SendBytesAsync(HttpMethod.Put, "plugins/models/files/x.yaml", "{}"u8.ToArray(), "application/json", "*");

        await response.AssertProblemAsync(HttpStatusCode.UnsupportedMediaType, "unsupported-media-type");
    }

    [Fact]
    public async Task PutFile_WithPathInName_Returns400()
    {
        using var response = await server.Admin.SendBytesAsync(HttpMethod.Put, "plugins/models/files/..%2Fescape.yaml", "a: 1\n"u8.ToArray(), "application/yaml", "*");

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "bad-request");
    }

    [Fact]
    public async Task PutFile_InUnknownPlugin_Returns404()
    {
        using var response = await server.Admin.SendBytesAsync(HttpMethod.Put, "plugins/nope/files/x.yaml", "a: 1\n"u8.ToArray(), "application/yaml", "*");

        await response.AssertProblemAsync(HttpStatusCode.NotFound, "not-found");
    }
}
