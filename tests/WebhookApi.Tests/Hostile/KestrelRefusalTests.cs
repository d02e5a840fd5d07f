using System.Net;
using System.Net.Sockets;
using System.Text;

namespace GitOps.WebhookApi.Tests.Hostile;

/// <summary>Requests Kestrel refuses while parsing, before any middleware runs: it answers them itself with an empty
/// body, so they cannot carry a ProblemDetails (documented in docs/COMPONENTS.md). What the suite can hold them to:
/// the status says what is wrong, the connection is closed, nothing is written and the service goes on answering.</summary>
[Collection(HostileCollection.Name)]
public sealed class KestrelRefusalTests(HostileHost host)
{
    public static TheoryData<string, string, int> Requests() => new()
    {
        { "a 60 KiB header", $"GET /api/v1/status HTTP/1.1\r\nHost: x\r\nX-Big: {new string('a', 60 * 1024)}\r\n\r\n", 431 },
        { "a 20 KB request line", $"GET /api/v1/status?x={new string('a', 20_000)} HTTP/1.1\r\nHost: x\r\n\r\n", 414 },
        { "%00 in the path", "GET /api/v1/plugins/a%00b HTTP/1.1\r\nHost: x\r\n\r\n", 400 },
        { "a CR inside a header", "GET /api/v1/status HTTP/1.1\r\nHost: x\r\nX-A: a\rb\r\n\r\n", 400 },
        { "two Host headers", "GET /api/v1/status HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n", 400 },
        { "no Host header", "GET /api/v1/status HTTP/1.1\r\n\r\n", 400 },
        { "a bad request line", "GET\r\n\r\n", 400 },
        { "an unknown HTTP version", "GET /api/v1/status HTTP/7.0\r\nHost: x\r\n\r\n", 505 },
    };

    [Theory]
    [MemberData(nameof(Requests))]
    public async Task MalformedRequest_GetsKestrelsStatus_AndChangesNothing(string what, string raw, int status)
    {
        var head = host.RepositoryHead();

        var statusLine = await SendRawAsync(raw);

        Assert.True(statusLine.StartsWith($"HTTP/1.1 {status} ", StringComparison.Ordinal), $"{what}: {statusLine}");
        Assert.Equal(head, host.RepositoryHead());
        using var read = await host.Viewer.GetAsync(new Uri("api/v1/status", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
    }

    private async Task<string> SendRawAsync(string raw)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, host.Service.Port);
        var stream = client.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(raw));
        using var reader = new StreamReader(stream, Encoding.ASCII);
        return await reader.ReadLineAsync() ?? "";
    }
}
