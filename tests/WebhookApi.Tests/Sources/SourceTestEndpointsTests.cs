using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using GitOps.Reconciler.Git;
using GitOps.Reconciler.Plugins;
using Microsoft.Extensions.DependencyInjection;

using GitOps.WebhookApi.Tests.Runtime;

namespace GitOps.WebhookApi.Tests.Sources;

[Collection(RuntimeApp.Collection)]
public sealed class SourceTestEndpointsTests : IDisposable
{
    private readonly RuntimeApp _app = new();
    private readonly HttpClient _client;

    private readonly HttpClient _admin;

    public SourceTestEndpointsTests()
    {
        _client = _app.CreateClient();
        _admin = _app.Client(ApiServer.AdminToken);
    }

    private async Task<(HttpStatusCode Status, JsonElement Body)> PostAsync(string path, string? json)
    {
        using var content = json is null ? null : new StringContent(json, Encoding.UTF8, "application/json");
        using var response = await _client.PostAsync(new Uri(path, UriKind.Relative), content);
        return (response.StatusCode, await response.Content.ReadFromJsonAsync<JsonElement>());
    }

    [Fact]
    public async Task TestNewSource_LoadsItAndChangesNothing()
    {
        var host = _app.Services.GetRequiredService<PluginHost>();
        var store = _app.Services.GetRequiredService<GitConfigStore>();
        var before = (host.Plugins, store.Current.Head);

        var (status, body) = await PostAsync("/api/v1/plugins/models/sources:test",
            """{"id":"new","name":"New","type":"yaml","properties":{"yamlCatalogPath":"b.yaml"},"include":["model-0*"]}""");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("Ready", body.GetProperty("state").GetString());
        Assert.Equal(100, body.GetProperty("entityCount").GetInt32());
        Assert.Equal(10, body.GetProperty("firstEntities").GetArrayLength());
        Assert.Equal("model-000", body.GetProperty("firstEntities")[0].GetString());
        Assert.Same(before.Plugins, host.Plugins);
        Assert.Equal(before.Head, store.Current.Head);
    }

    [Fact]
    public async Task TestNewSource_MissingFile_ReportsErrorWithTheFile()
    {
        var (status, body) = await PostAsync("/api/v1/plugins/models/sources:test",
            """{"type":"yaml","properties":{"yamlCatalogPath":"nope.yaml"}}""");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("Error", body.GetProperty("state").GetString());
        Assert.Equal("plugins/models/nope.yaml", body.GetProperty("diagnostics")[0].GetProperty("file").GetString());
    }

    [Fact]
    public async Task TestExistingSource_WithoutBody_LoadsItAsConfigured()
    {
        var (status, body) = await PostAsync("/api/v1/plugins/models/sources/a:test", null);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(3, body.GetProperty("entityCount").GetInt32());
    }

    [Fact]
    public async Task TestExistingSource_WithOverrides_MergesThemOverTheSource()
    {
        var (status, body) = await PostAsync("/api/v1/plugins/models/sources/a:test", """{"exclude":["llama-*"]}""");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(["granite-8b", "granite-3b"], body.GetProperty("firstEntities").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(3, _app.Services.GetRequiredService<PluginHost>().GetSourceStatus("models", "a")!.EntityCount);
    }

    [Theory]
    [InlineData("/api/v1/plugins/nope/sources:test", """{"type":"yaml"}""", HttpStatusCode.NotFound)]
    [InlineData("/api/v1/plugins/models/sources/nope:test", null, HttpStatusCode.NotFound)]
    [InlineData("/api/v1/plugins/models/sources:test", """{"name":"no type"}""", HttpStatusCode.UnprocessableEntity)]
    [InlineData("/api/v1/plugins/models/sources:test", "{not json", HttpStatusCode.BadRequest)]
    [InlineData("/api/v1/plugins/models/sources/a:test", "[1]", HttpStatusCode.BadRequest)]
    public async Task Test_BadRequestOrUnknownTarget_IsAProblem(string path, string? json, HttpStatusCode expected)
    {
        using var content = json is null ? null : new StringContent(json, Encoding.UTF8, "application/json");
        using var response = await _client.PostAsync(new Uri(path, UriKind.Relative), content);

        Assert.Equal(expected, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("/api/v1/plugins/models/sources:test", """{"name":"no type"}""", "type")]
    [InlineData("/api/v1/plugins/models/sources:test", """{"type":"yaml","colour":"red"}""", "colour")]
    [InlineData("/api/v1/plugins/models/sources:test", """{"id":"bad id!","type":"yaml"}""", "id")]
    [InlineData("/api/v1/plugins/models/sources/a:test", """{"type":null,"labels":["x"]}""", "type")]
    [InlineData("/api/v1/plugins/models/sources/a:test", """{"id":"other"}""", "id")]
    public async Task Test_BadSource_Answers422WithFieldErrorsLikeAWrite(string path, string json, string field)
    {
        var (status, body) = await PostAsync(path, json);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.Equal("urn:gitops:problem:validation-failed", body.GetProperty("type").GetString());
        Assert.Contains(body.GetProperty("errors").EnumerateArray(), e => e.GetProperty("field").GetString() == field);
    }

    [Fact]
    public async Task Test_NewSourceAsTheAddEndpointRefusesIt_GetsTheSameFieldErrors()
    {
        const string json = """{"id":"n","type":"","colour":"red"}""";
        var (testStatus, test) = await PostAsync("/api/v1/plugins/models/sources:test", json);
        using var add = new HttpRequestMessage(HttpMethod.Post, new Uri("/api/v1/plugins/models/sources", UriKind.Relative))
        {
            Content = new StringContent(json, Encoding.UTF8, "application/json"),
        };
        add.Headers.TryAddWithoutValidation("If-Match", "*");
        using var addResponse = await _admin.SendAsync(add);
        var added = await addResponse.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.UnprocessableEntity, testStatus);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, addResponse.StatusCode);
        Assert.Equal(Fields(added), Fields(test));
    }

    private static string[] Fields(JsonElement problem) =>
        [.. problem.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("field").GetString()!).Order(StringComparer.Ordinal)];

    [Fact]
    public async Task Test_AnswersWithTheETagOfTheSnapshotItRead()
    {
        using var content = new StringContent("""{"type":"yaml","properties":{"yamlCatalogPath":"a.yaml"}}""", Encoding.UTF8, "application/json");
        using var response = await _client.PostAsync(new Uri("/api/v1/plugins/models/sources:test", UriKind.Relative), content);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal($"\"{_app.Services.GetRequiredService<GitConfigStore>().Current.Head}\"", response.Headers.ETag?.Tag);
    }

    public void Dispose()
    {
        _client.Dispose();
        _admin.Dispose();
        _app.Dispose();
    }
}
