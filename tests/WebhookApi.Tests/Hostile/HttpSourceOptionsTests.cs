using System.Net;
using System.Text;
using GitOps.TestSupport.Hosting;

namespace GitOps.WebhookApi.Tests.Hostile;

/// <summary><c>GitOps:HttpSources:AllowedNetworks</c> on the real host: a loopback catalog is reachable only when its
/// network is allowed (the hostile suite checks it is refused by default), and a bad value fails start-up naming it.</summary>
public sealed class HttpSourceOptionsTests : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly int _port = FreePort.Next();

    public HttpSourceOptionsTests()
    {
        _listener.Prefixes.Add($"http://127.0.0.1:{_port}/");
        _listener.Start();
        _ = ServeAsync();
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try { context = await _listener.GetContextAsync(); }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException) { return; }
            await context.Response.OutputStream.WriteAsync("models:\n  - name: local-model\n"u8.ToArray());
            context.Response.Close();
        }
    }

    [Fact]
    public async Task DryRun_OfALoopbackCatalog_LoadsWhenItsNetworkIsAllowed()
    {
        using var data = new TempDirectory("gitops-http-options");
        var settings = ApiServer.TokenSettings();
        settings["GitOps__HttpSources__AllowedNetworks__0"] = "127.0.0.1/32";
        await using var service = await ServiceProcess.StartAsync(data.Path, settings);
        using var client = new HttpClient { BaseAddress = new Uri(service.BaseAddress, "api/v1/") };
        client.DefaultRequestHeaders.Authorization = new("Bearer", ApiServer.AdminToken);

        using var response = await client.PostAsync(new Uri("plugins/models/sources:test", UriKind.Relative), new StringContent(
            $$$"""{"type":"http","properties":{"url":"http://127.0.0.1:{{{_port}}}/c.yaml"}}""", Encoding.UTF8, "application/json"));

        var body = await response.JsonAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(body.GetProperty("state").GetString() == "Ready", body.GetRawText());
        Assert.Equal(1, body.GetProperty("entityCount").GetInt32());
    }

    [Fact]
    public async Task StartUp_WithANetworkThatIsNotCidr_FailsNamingTheOption()
    {
        using var data = new TempDirectory("gitops-http-options");
        var settings = ApiServer.TokenSettings();
        settings["GitOps__HttpSources__AllowedNetworks__0"] = "localhost";

        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => ServiceProcess.StartAsync(data.Path, settings));

        Assert.Contains("GitOps:HttpSources:AllowedNetworks: 'localhost' is not a network in CIDR notation", failure.Message, StringComparison.Ordinal);
    }

    public void Dispose() => _listener.Close();
}
