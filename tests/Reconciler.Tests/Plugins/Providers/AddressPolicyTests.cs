using System.Collections.Immutable;
using System.Net;
using System.Text;
using GitOps.Reconciler.Configuration;
using GitOps.Reconciler.Plugins;
using GitOps.Reconciler.Plugins.Providers;
using GitOps.TestSupport.Hosting;

namespace GitOps.Reconciler.Tests.Plugins.Providers;

/// <summary>SSRF guard of the http provider: loopback, link-local and metadata addresses are refused unless allowed,
/// checked on the resolved addresses, against a real HTTP server on a loopback port.</summary>
public sealed class AddressPolicyTests : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly int _port = FreePort.Next();
    private int _served;

    public AddressPolicyTests()
    {
        _listener.Prefixes.Add($"http://127.0.0.1:{_port}/");
        _listener.Prefixes.Add($"http://localhost:{_port}/");
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
            Interlocked.Increment(ref _served);
            var bytes = Encoding.UTF8.GetBytes("models:\n  - name: secret-model\n");
            context.Response.ContentType = "application/yaml";
            await context.Response.OutputStream.WriteAsync(bytes);
            context.Response.Close();
        }
    }

    private static async Task<SourceLoadResult> LoadAsync(AddressPolicy policy, string url)
    {
        using var http = HttpSourceProvider.CreateClient(policy);
        var source = new SourceConfig("h", "h", "http", true, [], new Dictionary<string, object?> { ["url"] = url, ["timeoutSeconds"] = 5L }, [], []);
        return await new HttpSourceProvider(http, YamlLimits.Default).LoadAsync(
            new SourceLoadRequest("models", source, ImmutableSortedDictionary<string, ReadOnlyMemory<byte>>.Empty), default);
    }

    [Theory]
    [InlineData("127.0.0.1", "loopback")]
    [InlineData("localhost", "loopback")] // a name: the addresses it resolves to are checked
    public async Task Load_FromLoopbackByDefault_IsRefusedWithoutARequest(string host, string what)
    {
        var result = await LoadAsync(AddressPolicy.Default, $"http://{host}:{_port}/c.yaml");

        var message = Assert.IsType<SourceLoadResult.Failed>(result).Diagnostics[0].Message;
        Assert.Contains(what, message, StringComparison.Ordinal);
        Assert.Contains(AddressPolicy.OptionName, message, StringComparison.Ordinal);
        Assert.Equal(0, Volatile.Read(ref _served));
    }

    [Fact]
    public async Task Load_FromLoopback_WhenItsNetworkIsAllowed_Loads()
    {
        var (policy, error) = AddressPolicy.Parse(["127.0.0.0/8"]);
        Assert.Null(error);

        var result = await LoadAsync(policy!, $"http://localhost:{_port}/c.yaml");

        Assert.Equal("secret-model", Assert.IsType<SourceLoadResult.Loaded>(result).Entities.Single().Name);
    }

    [Theory]
    [InlineData("169.254.169.254", "link-local")]
    [InlineData("fe80::1", "link-local")]
    [InlineData("::1", "loopback")]
    [InlineData("::ffff:127.0.0.1", "loopback")]
    [InlineData("0.0.0.0", "unspecified")]
    [InlineData("fd00:ec2::254", "cloud metadata")]
    [InlineData("100.100.100.200", "cloud metadata")]
    public void Problem_ForHostAndMetadataAddresses_NamesWhatTheyAre(string address, string what) =>
        Assert.Contains(what, AddressPolicy.Default.Problem(IPAddress.Parse(address)), StringComparison.Ordinal);

    [Theory]
    [InlineData("10.1.2.3")]
    [InlineData("192.168.1.10")]
    [InlineData("93.184.215.14")]
    [InlineData("2001:db8::1")]
    public void Problem_ForOrdinaryAddresses_IsNone(string address) => Assert.Null(AddressPolicy.Default.Problem(IPAddress.Parse(address)));

    [Fact]
    public void Parse_WithABadNetwork_NamesIt()
    {
        var (policy, error) = AddressPolicy.Parse(["10.0.0.0/8", "localhost"]);
        Assert.Null(policy);
        Assert.Contains("'localhost'", error, StringComparison.Ordinal);
    }

    public void Dispose() => _listener.Close();
}
