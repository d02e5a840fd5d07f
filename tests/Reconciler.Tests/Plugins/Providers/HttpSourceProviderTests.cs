using System.Collections.Immutable;
using System.Net;
using System.Text;
using GitOps.Reconciler.Configuration;
using GitOps.Reconciler.Plugins;
using GitOps.Reconciler.Plugins.Providers;
using GitOps.TestSupport.Hosting;

namespace GitOps.Reconciler.Tests.Plugins.Providers;

/// <summary>Against a real HTTP server on a loopback port (HttpListener).</summary>
public sealed class HttpSourceProviderTests : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly HttpClient _http = HttpSourceProvider.CreateClient(AddressPolicy.Parse(["127.0.0.1/32"]).Policy!); // the loopback test server is allowed explicitly
    private readonly HttpSourceProvider _provider;
    private readonly string _prefix;
    private readonly CancellationTokenSource _stop = new();

    public HttpSourceProviderTests()
    {
        _prefix = $"http://127.0.0.1:{FreePort.Next()}/";
        _listener.Prefixes.Add(_prefix);
        _listener.Start();
        _provider = new HttpSourceProvider(_http, YamlLimits.Default);
        _ = ServeAsync();
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try { context = await _listener.GetContextAsync(); }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException) { return; }
            _ = Task.Run(async () =>
            {
                var path = context.Request.Url!.AbsolutePath;
                var (status, body, type) = path switch
                {
                    "/catalog.yaml" => (200, PluginFixtures.KubeflowCatalog("m1", "m2"), "application/yaml"),
                    "/catalog.json" => (200, """{"source":"x","models":[{"name":"j1","customProperties":{"a":{"b":1}}},{"name":"j2"}]}""", "application/json"),
                    "/big.yaml" => (200, PluginFixtures.KubeflowCatalog([.. Enumerable.Range(0, 200).Select(i => $"m{i}")]), "application/yaml"),
                    "/bad.yaml" => (200, "models: [unclosed\n", "application/yaml"),
                    "/slow.yaml" => (-1, "", ""),
                    _ => (404, "not here", "text/plain"),
                };
                if (status == -1)
                {
                    try { await Task.Delay(TimeSpan.FromSeconds(30), _stop.Token); } catch (OperationCanceledException) { }
                    status = 200;
                }
                try
                {
                    context.Response.StatusCode = status;
                    context.Response.ContentType = type;
                    var bytes = Encoding.UTF8.GetBytes(body);
                    await context.Response.OutputStream.WriteAsync(bytes);
                    context.Response.Close();
                }
                catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException)
                {
                }
            });
        }
    }

    private Task<SourceLoadResult> LoadAsync(params (string Key, object? Value)[] properties) =>
        _provider.LoadAsync(new SourceLoadRequest("models",
            new SourceConfig("h", "h", "http", true, [], properties.ToDictionary(p => p.Key, p => p.Value), [], []),
            ImmutableSortedDictionary<string, ReadOnlyMemory<byte>>.Empty), default);

    [Fact]
    public async Task Load_YamlCatalog_ReturnsItsEntities()
    {
        var result = await LoadAsync(("url", _prefix + "catalog.yaml"));

        Assert.Equal(["m1", "m2"], Assert.IsType<SourceLoadResult.Loaded>(result).Entities.Select(e => e.Name));
    }

    [Fact]
    public async Task Load_JsonCatalog_ReturnsItsEntities()
    {
        var result = await LoadAsync(("url", _prefix + "catalog.json"));

        Assert.Equal(["j1", "j2"], Assert.IsType<SourceLoadResult.Loaded>(result).Entities.Select(e => e.Name));
    }

    [Fact]
    public async Task Load_NotFound_FailsWithTheStatusCode()
    {
        var result = await LoadAsync(("url", _prefix + "missing.yaml?token=secret"));

        var message = Assert.IsType<SourceLoadResult.Failed>(result).Diagnostics[0].Message;
        Assert.Contains("404", message, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Load_Unreachable_Fails()
    {
        var result = await LoadAsync(("url", $"http://127.0.0.1:{FreePort.Next()}/x.yaml"));

        Assert.Contains("failed", Assert.IsType<SourceLoadResult.Failed>(result).Diagnostics[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Load_SlowerThanTheTimeout_FailsAsTimedOut()
    {
        var result = await LoadAsync(("url", _prefix + "slow.yaml"), ("timeoutSeconds", 0.3));

        Assert.Contains("timed out", Assert.IsType<SourceLoadResult.Failed>(result).Diagnostics[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Load_LargerThanMaxBytes_FailsNamingTheLimit()
    {
        var result = await LoadAsync(("url", _prefix + "big.yaml"), ("maxBytes", 1000L));

        Assert.Contains("maxBytes", Assert.IsType<SourceLoadResult.Failed>(result).Diagnostics[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Load_BadYaml_FailsWithALine()
    {
        var result = await LoadAsync(("url", _prefix + "bad.yaml"));

        Assert.NotNull(Assert.IsType<SourceLoadResult.Failed>(result).Diagnostics[0].Line);
    }

    [Fact]
    public async Task Load_NoUrl_FailsNamingTheProperty()
    {
        var result = await LoadAsync();

        Assert.Contains("properties.url", Assert.IsType<SourceLoadResult.Failed>(result).Diagnostics[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Load_FtpUrl_FailsNamingThePropertyAndTheSchemesItTakes()
    {
        var result = await LoadAsync(("url", "ftp://example/x"));

        var message = Assert.IsType<SourceLoadResult.Failed>(result).Diagnostics[0].Message;
        Assert.Contains("properties.url", message, StringComparison.Ordinal);
        Assert.Contains("http or https", message, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Close();
        _http.Dispose();
        _stop.Dispose();
    }
}
