using System.Net;
using Islet.Net.Ip;
using Islet.UserNet.Internal;

namespace Islet.UserNet;

public sealed partial class UserNetwork<TDevice>
{
    /// <summary>
    /// Binds the host UDP socket of a <c>/udp</c> forward and starts relaying: each host client
    /// (address and port) gets a flow, a router port of its own on the guest link, from which its
    /// datagrams reach the guest's port, so the guest sees the router's address as the source and
    /// its replies to that port go back to that client from the host socket. Datagrams longer
    /// than one frame of the guest link carries are dropped (<see cref="UserNetCounters.UdpTooLong"/>).
    /// </summary>
    /// <returns>Where the host socket is bound (port 0 resolved).</returns>
    private async Task<IPEndPoint> StartUdpForwardAsync(PortMapping mapping)
    {
        var host = await _host.Udp.BindAsync(mapping.HostEndPoint).ConfigureAwait(true);
        var guest = new Ipv4Endpoint(_options.GuestAddress, (ushort)mapping.GuestPort);
        var forward = new UdpForward(_loop, host, guest, _udpFlows, Counters, _udpMaxPayload, Stack.RequestPoll);
        _udpForwards.Add(forward);
        Track(forward.RunAsync(_stopping.Token));
        return host.LocalEndPoint;
    }
}
