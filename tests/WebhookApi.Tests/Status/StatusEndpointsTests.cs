using System.Net;

namespace GitOps.WebhookApi.Tests.Status;

public sealed class StatusEndpointsTests(ApiServer server) : IClassFixture<ApiServer>
{
    [Fact]
    public async Task GetStatus_ReportsHeadSnapshotHashAndMode()
    {
        using var response = await server.Viewer.GetAsync(new Uri("status", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var status = await response.JsonAsync();
        Assert.Equal(server.RepositoryHead(), status.GetProperty("head").GetString());
        Assert.Equal($"\"{server.RepositoryHead()}\"", response.Headers.ETag!.Tag);
        Assert.Equal(64, status.GetProperty("snapshotHash").GetString()!.Length);
        Assert.Equal("ReadWrite", status.GetProperty("mode").GetString());
        Assert.Equal("Commit", status.GetProperty("mutationsMode").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, status.GetProperty("headError").ValueKind);
    }

    [Fact]
    public async Task PostReconcile_AsOperator_Returns202()
    {
        using var response = await server.Operator.PostAsync(new Uri("reconcile", UriKind.Relative), null);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }

    [Fact]
    public async Task PostReconcile_AsViewer_Returns403()
    {
        using var response = await server.Viewer.PostAsync(new Uri("reconcile", UriKind.Relative), null);

        await response.AssertProblemAsync(HttpStatusCode.Forbidden, "forbidden");
    }

    [Fact]
    public async Task HealthAndReadiness_NeedNoToken()
    {
        using var http = new HttpClient { BaseAddress = server.Service.BaseAddress };

        using var health = await http.GetAsync(new Uri("healthz", UriKind.Relative));
        using var ready = await http.GetAsync(new Uri("readyz", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
    }

    [Fact]
    public async Task OpenApiDocument_NeedsNoTokenAndListsThePaths()
    {
        using var http = new HttpClient { BaseAddress = server.Service.BaseAddress };

        using var response = await http.GetAsync(new Uri("openapi/v1.json", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var paths = (await response.JsonAsync()).GetProperty("paths");
        foreach (var path in new[]
        {
            "/api/v1/plugins", "/api/v1/plugins/{plugin}", "/api/v1/plugins/{plugin}/config", "/api/v1/plugins/{plugin}/sources",
            "/api/v1/plugins/{plugin}/sources/{id}", "/api/v1/plugins/{plugin}/files", "/api/v1/plugins/{plugin}/files/{name}",
            "/api/v1/history", "/api/v1/history/{sha}", "/api/v1/history/{sha}/revert", "/api/v1/status", "/api/v1/reconcile",
        })
        {
            Assert.True(paths.TryGetProperty(path, out _), $"{path} missing from the OpenAPI document");
        }
    }
}
