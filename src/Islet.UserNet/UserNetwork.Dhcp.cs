using System.Net;
using Islet.Net;
using Islet.UserNet.Dhcp;

namespace Islet.UserNet;

public sealed partial class UserNetwork<TDevice>
{
    private const int DhcpClientPort = 68;

    /// <summary>
    /// Answers the guest's DHCP on the router's UDP port 67. The stack takes the guest's
    /// broadcasts from 0.0.0.0 like any datagram to the limited broadcast address; a reply
    /// unicast to an address the guest does not hold yet (RFC 2131 §4.1) is made deliverable by
    /// recording the client's MAC in the ARP cache first, as the RFC tells servers to do.
    /// </summary>
    private async Task ServeDhcpAsync(IUdpSocket socket)
    {
        var request = new byte[1500];
        var reply = new byte[576];
        while (!_stopping.IsCancellationRequested)
        {
            try
            {
                var received = await socket.ReceiveAsync(request, _stopping.Token).ConfigureAwait(true);
                if (received.Truncated) { Dhcp.Counters.Malformed++; continue; }
                long now = _loop.NowNanoseconds;
                if (!Dhcp.TryRespond(request.AsSpan(0, received.Length), now, reply, out int length, out DhcpReplyDestination destination))
                    continue;
                if (destination.BypassesArp) Stack.Interface.Arp.Learn(destination.Address, destination.HardwareAddress, now, create: true);
                await socket.SendAsync(reply.AsMemory(0, length), new IPEndPoint(ToIPAddress(destination.Address), DhcpClientPort), _stopping.Token)
                    .ConfigureAwait(true);
                if (Dhcp.HasLease(now)) _guestLeased.TrySetResult(); // forwards waiting for the guest may connect now
            }
            catch (Exception e) when (e is OperationCanceledException or NetException)
            {
                return; // disposed
            }
        }
    }
}
