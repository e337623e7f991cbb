using System.Net;
using System.Net.Sockets;
using Islet.Net.Ip;
using Islet.Net.Wire;

namespace Islet.Net.Stack;

/// <summary>Conversions between the application API's endpoints and the stack's value types.</summary>
internal static class EndPoints
{
    public static Ipv4Address ToIpv4(IPAddress address)
    {
        if (address.AddressFamily != AddressFamily.InterNetwork) throw new NetException(NetError.NotSupported, "Islet's stack speaks IPv4");
        Span<byte> bytes = stackalloc byte[4];
        address.TryWriteBytes(bytes, out _);
        return Ipv4Address.Read(bytes);
    }

    public static IPAddress ToIPAddress(Ipv4Address address)
    {
        Span<byte> bytes = stackalloc byte[4];
        address.TryWrite(bytes);
        return new IPAddress(bytes);
    }

    public static IPEndPoint ToIPEndPoint(Ipv4Endpoint endpoint) => new(ToIPAddress(endpoint.Address), endpoint.Port);
}
