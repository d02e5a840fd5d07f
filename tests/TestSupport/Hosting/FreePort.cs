using System.Net;
using System.Net.Sockets;

namespace GitOps.TestSupport.Hosting;

/// <summary>Finds a free TCP port on 127.0.0.1 (for servers such as git daemon that cannot bind port 0).</summary>
public static class FreePort
{
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
