using System.Net;
using System.Net.Sockets;

namespace GitOps.Reconciler.Plugins.Providers;

/// <summary>Which network addresses the <c>http</c> provider (and so the dry run, <c>sources:test</c>) may connect to.
/// A source's URL is written by whoever can commit to the config repository, so by default the service refuses to be
/// pointed at itself or its host: loopback, link-local (which holds the cloud metadata endpoint 169.254.169.254),
/// unspecified and the known cloud metadata addresses. <see cref="Allowed"/> (the option
/// <c>GitOps:HttpSources:AllowedNetworks</c>) lets chosen ranges through.</summary>
/// <remarks>The check runs on the addresses the host name resolves to, at connect time, and the connection goes to
/// the address that was checked, so a name that resolves to 127.0.0.1 (or changes between check and use) is caught.</remarks>
public sealed class AddressPolicy(ImmutableArray<IPNetwork> allowed)
{
    public const string OptionName = "GitOps:HttpSources:AllowedNetworks";

    /// <summary>Nothing beyond ordinary addresses: the default.</summary>
    public static AddressPolicy Default { get; } = new([]);

    private static readonly ImmutableArray<(IPNetwork Network, string What)> Refused =
    [
        (IPNetwork.Parse("127.0.0.0/8"), "loopback"),
        (IPNetwork.Parse("::1/128"), "loopback"),
        (IPNetwork.Parse("0.0.0.0/8"), "unspecified (this host)"),
        (IPNetwork.Parse("::/128"), "unspecified (this host)"),
        (IPNetwork.Parse("169.254.0.0/16"), "link-local (cloud metadata)"),
        (IPNetwork.Parse("fe80::/10"), "link-local"),
        (IPNetwork.Parse("fd00:ec2::254/128"), "cloud metadata"),
        (IPNetwork.Parse("100.100.100.200/32"), "cloud metadata"),
    ];

    public ImmutableArray<IPNetwork> Allowed => allowed;

    /// <summary>A policy allowing the given CIDR ranges (e.g. <c>127.0.0.1/32</c>), or the parse error naming the bad one.</summary>
    public static (AddressPolicy? Policy, string? Error) Parse(IEnumerable<string> networks)
    {
        var parsed = ImmutableArray.CreateBuilder<IPNetwork>();
        foreach (var text in networks)
        {
            if (!IPNetwork.TryParse(text.Trim(), out var network))
                return (null, $"'{text}' is not a network in CIDR notation (e.g. 127.0.0.1/32 or 10.0.0.0/8)");
            parsed.Add(network);
        }
        return (new AddressPolicy(parsed.ToImmutable()), null);
    }

    /// <summary>Why <paramref name="address"/> is refused, or null when it may be connected to.</summary>
    public string? Problem(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        foreach (var network in allowed)
            if (network.Contains(address)) return null;
        foreach (var (network, what) in Refused)
            if (network.Contains(address)) return $"{address} is a {what} address; allow it with {OptionName} if this is intended";
        return null;
    }

    /// <summary>A <see cref="SocketsHttpHandler.ConnectCallback"/> that resolves the host, refuses any address this
    /// policy refuses, and connects to the first allowed one.</summary>
    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var host = context.DnsEndPoint.Host;
        var addresses = IPAddress.TryParse(host.Trim('[', ']'), out var literal)
            ? [literal]
            : await Dns.GetHostAddressesAsync(host, cancellationToken);
        string? refused = null;
        foreach (var address in addresses)
        {
            if (Problem(address) is { } problem)
            {
                refused ??= problem;
                continue;
            }
            var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(new IPEndPoint(address, context.DnsEndPoint.Port), cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch (SocketException) when (address != addresses[^1])
            {
                socket.Dispose();
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        }
        throw new HttpRequestException(refused is null
            ? $"{host} resolved to no address"
            : $"refused to connect to {host}: {refused}");
    }
}
