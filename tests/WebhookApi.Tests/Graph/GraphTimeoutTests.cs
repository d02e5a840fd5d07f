using System.Net;
using System.Net.Http.Headers;
using GitOps.TestSupport.Hosting;

namespace GitOps.WebhookApi.Tests.Graph;

/// <summary>The execution timeout (<c>GitOps:GraphQL:Timeout</c>) refuses by name; a host with a 1 ms limit shows it.</summary>
public sealed class GraphTimeoutTests : IAsyncLifetime, IDisposable
{
    private readonly TempDirectory _data = new("gitops-graphql-timeout");
    private ServiceProcess? _service;

    public async Task InitializeAsync()
    {
        var settings = ApiServer.TokenSettings();
        settings["GitOps__GraphQL__Timeout"] = "00:00:00.001";
        _service = await ServiceProcess.StartAsync(_data.Path, settings);
    }

    [Fact]
    public async Task AQueryOverTheTimeout_IsAnsweredWithATimeoutErrorNamingTheLimit()
    {
        using var client = new HttpClient { BaseAddress = _service!.BaseAddress };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", ApiServer.ViewerToken);

        var (response, body) = await client.GraphAsync(Query);
        var (code, error) = body.FirstError();

        // 400 when the limit hit before execution began (while validating), 200 when during it; the error is the same.
        Assert.Contains(response.StatusCode, new[] { HttpStatusCode.OK, HttpStatusCode.BadRequest });
        Assert.True(code == "TIMEOUT", body.ToString());
        Assert.Equal("timeout", error.GetProperty("extensions").GetProperty("limit").GetString());
    }

    public const string Query =
        "query Heavy { plugins { name sources { id status { state } } } history(limit: 20) { sha files { patch } } status { head } }";

    public async Task DisposeAsync()
    {
        if (_service is not null) await _service.DisposeAsync();
        _data.Dispose();
    }

    public void Dispose() => _data.Dispose();
}
