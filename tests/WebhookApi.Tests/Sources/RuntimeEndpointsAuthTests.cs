using System.Net;
using System.Text;
using GitOps.WebhookApi.Tests.Runtime;

namespace GitOps.WebhookApi.Tests.Sources;

/// <summary>The runtime endpoints of sources and plugins (dry run, refresh, entities) always go through the API's auth:
/// operator actions refuse viewers, everything refuses a caller without a token.</summary>
[Collection(RuntimeApp.Collection)]
public sealed class RuntimeEndpointsAuthTests : IDisposable
{
    private readonly RuntimeApp _app = new();

    public static TheoryData<string, string?> Actions => new()
    {
        { "/api/v1/plugins/models/sources:test", """{"type":"yaml","properties":{"yamlCatalogPath":"a.yaml"}}""" },
        { "/api/v1/plugins/models/sources/a:test", null },
        { "/api/v1/plugins/models/sources/a/refresh", null },
        { "/api/v1/plugins/models/refresh", null },
    };

    [Theory]
    [MemberData(nameof(Actions))]
    public async Task OperatorAction_WithoutAToken_Is401AndAsAViewer_Is403(string path, string? json)
    {
        using var anonymous = _app.Client(null);
        using var viewer = _app.Client(ApiServer.ViewerToken);

        using var withoutToken = await anonymous.PostAsync(new Uri(path, UriKind.Relative), Body(json));
        using var asViewer = await viewer.PostAsync(new Uri(path, UriKind.Relative), Body(json));

        Assert.Equal(HttpStatusCode.Unauthorized, withoutToken.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, asViewer.StatusCode);
    }

    [Theory]
    [MemberData(nameof(Actions))]
    public async Task OperatorAction_AsAnOperator_IsServed(string path, string? json)
    {
        using var operatorClient = _app.Client(ApiServer.OperatorToken);

        using var response = await operatorClient.PostAsync(new Uri(path, UriKind.Relative), Body(json));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Entities_AViewerReadsThemAndNobodyElse()
    {
        var uri = new Uri("/api/v1/plugins/models/sources/a/entities", UriKind.Relative);
        using var anonymous = _app.Client(null);
        using var viewer = _app.Client(ApiServer.ViewerToken);

        using var withoutToken = await anonymous.GetAsync(uri);
        using var asViewer = await viewer.GetAsync(uri);

        Assert.Equal(HttpStatusCode.Unauthorized, withoutToken.StatusCode);
        Assert.Equal(HttpStatusCode.OK, asViewer.StatusCode);
    }

    private static StringContent? Body(string? json) => json is null ? null : new StringContent(json, Encoding.UTF8, "application/json");

    public void Dispose() => _app.Dispose();
}
