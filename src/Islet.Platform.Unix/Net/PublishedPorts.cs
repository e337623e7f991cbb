using System.Net;

namespace Islet.Platform.Unix.Net;

/// <summary>Where the unix target binds a guest endpoint: its published host endpoint, or itself.</summary>
internal static class PublishedPorts
{
    /// <summary>
    /// The host endpoint published for <paramref name="guest"/>'s port over
    /// <paramref name="protocol"/> (a <c>/udp</c> mapping moves UDP binds only, a TCP one TCP
    /// listeners only, as Docker's <c>-p</c>); otherwise <paramref name="guest"/> unchanged.
    /// Port 0 (any free port) is never mapped.
    /// </summary>
    public static IPEndPoint HostEndPointFor(IReadOnlyList<PortMapping> publish, IPEndPoint guest, PortProtocol protocol)
    {
        if (guest.Port == 0) return guest;
        foreach (var mapping in publish)
        {
            if (mapping.GuestPort == guest.Port && mapping.Protocol == protocol) return mapping.HostEndPoint;
        }
        return guest;
    }
}
