using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using GitOps.Reconciler.Git;
using GitOps.WebhookApi.Tests.Runtime;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace GitOps.WebhookApi.Tests.Http;

/// <summary>The OpenAPI document the host serves lists every answer of an operation: successes from the handlers' typed
/// results, problems from the endpoint's declared statuses (with the problem media type).</summary>
[Collection(RuntimeApp.Collection)]
public sealed class OpenApiDocumentTests : IAsyncLifetime, IDisposable
{
    private readonly RuntimeApp _app = new();
    private JsonElement _paths;

    public async Task InitializeAsync()
    {
        using var client = _app.Client(null);
        using var response = await client.GetAsync(new Uri("/openapi/v1.json", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        _paths = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("paths");
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Theory]
    [InlineData("/api/v1/plugins/{plugin}/sources/{id}", "patch", new[] { 200, 202, 400, 401, 403, 404, 409, 413, 415, 422, 428, 503 })]
    [InlineData("/api/v1/plugins/{plugin}/sources", "post", new[] { 201, 202, 400, 401, 403, 404, 409, 413, 415, 422, 428, 503 })]
    [InlineData("/api/v1/plugins/{plugin}/sources/{id}", "delete", new[] { 204, 202, 404, 409, 428 })]
    [InlineData("/api/v1/plugins/{plugin}/sources/{id}", "get", new[] { 200, 401, 404 })]
    [InlineData("/api/v1/plugins/{plugin}/sources:test", "post", new[] { 200, 400, 401, 403, 404, 413, 415, 422 })]
    [InlineData("/api/v1/plugins/{plugin}/sources/{id}/refresh", "post", new[] { 200, 400, 401, 403, 404, 429 })]
    [InlineData("/api/v1/plugins/{plugin}/refresh", "post", new[] { 200, 401, 403, 404, 429 })]
    [InlineData("/api/v1/plugins/{plugin}/files/{name}", "put", new[] { 200, 201, 202, 413, 415, 422 })]
    [InlineData("/api/v1/history/{sha}/revert", "post", new[] { 200, 201, 202, 400, 409 })]
    public void Operation_ListsEveryAnswer(string path, string method, int[] statuses)
    {
        var listed = Responses(path, method).EnumerateObject().Select(r => int.Parse(r.Name, System.Globalization.CultureInfo.InvariantCulture)).ToHashSet();

        Assert.All(statuses, status => Assert.Contains(status, listed));
    }

    [Fact]
    public void PatchSource_ProblemsAreProblemJsonAndSuccessIsTheSource()
    {
        var responses = Responses("/api/v1/plugins/{plugin}/sources/{id}", "patch");

        Assert.True(responses.GetProperty("409").GetProperty("content").TryGetProperty("application/problem+json", out _));
        Assert.True(responses.GetProperty("422").GetProperty("content").TryGetProperty("application/problem+json", out _));
        var ok = responses.GetProperty("200").GetProperty("content").GetProperty("application/json").GetProperty("schema");
        Assert.Contains("SourceView", ok.GetProperty("$ref").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void MutationOptions_AreRegisteredOnce()
    {
        IServiceCollection? captured = null;
        using var app = _app.WithWebHostBuilder(b => b.ConfigureTestServices(services => captured = services));
        _ = app.Services;

        Assert.Single(captured!, d => d.ServiceType == typeof(IConfigureOptions<MutationOptions>));
    }

    private JsonElement Responses(string path, string method) =>
        _paths.GetProperty(path).GetProperty(method).GetProperty("responses");

    public void Dispose() => _app.Dispose();
}
