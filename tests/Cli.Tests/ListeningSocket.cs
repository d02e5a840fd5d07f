using System.Net;
using System.Net.Sockets;

namespace GitOps.Cli.Tests;

/// <summary>A loopback port that accepts TCP connections and never answers: tells whether anyone connected, and keeps a
/// client that did waiting (for tests that need a command stuck in a request).</summary>
public sealed class ListeningSocket : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);

    public ListeningSocket()
    {
        _listener.Start();
        Address = new Uri($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/");
    }

    public Uri Address { get; }

    /// <summary>Whether a connection is waiting to be accepted (a client connected; the socket never accepts on its own).</summary>
    public bool WasCalled => _listener.Pending();

    /// <summary>Waits for a client to connect and holds the connection open without answering.</summary>
    public async Task<TcpClient> AcceptAsync(CancellationToken cancellationToken) => await _listener.AcceptTcpClientAsync(cancellationToken);

    public void Dispose() => _listener.Dispose();
}
