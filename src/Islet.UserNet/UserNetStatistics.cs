using System.Text;
using Islet.Devices;
using Islet.Net.Stack;
using Islet.Net.Tcp;

namespace Islet.UserNet;

/// <summary>
/// A plain-text report of a <see cref="UserNetwork{TDevice}"/>, one <c>name value</c> per line:
/// <c>usernet.*</c> (TCP forwards, outbound, UDP forwards and flows), <c>dhcp.*</c>, then the router stack's own counters
/// as <see cref="NetStatistics"/> prints them. <c>usernet.refused_tcp</c> counts TCP segments
/// the router answered with a reset (guest connections refused; stray segments too) and
/// <c>usernet.refused_udp</c> the ICMP unreachable errors it sent.
/// </summary>
public static class UserNetStatistics
{
    /// <summary>Formats every counter of <paramref name="network"/>.</summary>
    public static string Format<TDevice>(UserNetwork<TDevice> network) where TDevice : INetDevice
    {
        ArgumentNullException.ThrowIfNull(network);
        var text = new StringBuilder();
        void Line(string name, long value) => text.Append(name).Append(' ').Append(value).Append('\n');

        var c = network.Counters;
        Line("usernet.forwards_active", c.ForwardsActive);
        Line("usernet.forwards_total", c.ForwardsTotal);
        Line("usernet.forwards_failed", c.ForwardsFailed);
        Line("usernet.guest_connect_retries", c.GuestConnectRetries);
        Line("usernet.outbound_active", c.OutboundActive);
        Line("usernet.outbound_total", c.OutboundTotal);
        Line("usernet.outbound_failed", c.OutboundFailed);
        Line("usernet.udp_forwarded", c.UdpForwarded);
        Line("usernet.udp_replied", c.UdpReplied);
        Line("usernet.udp_flows", c.UdpFlowsActive);
        Line("usernet.udp_flows_total", c.UdpFlowsTotal);
        Line("usernet.udp_flows_expired", c.UdpFlowsExpired);
        Line("usernet.udp_flows_evicted", c.UdpFlowsEvicted);
        Line("usernet.udp_too_long", c.UdpTooLong);
        Line("usernet.udp_dropped", c.UdpDropped);
        Line("usernet.refused_tcp", network.Stack.TcpLayer.Counters.Dropped(TcpDropReason.NoSocket));
        Line("usernet.refused_udp", network.Stack.Interface.Counters.Icmp.UnreachableSent);

        var d = network.Dhcp.Counters;
        Line("dhcp.offers", d.Offers);
        Line("dhcp.leases", d.Leases);
        Line("dhcp.naks", d.Naks);
        Line("dhcp.declines", d.Declines);
        Line("dhcp.releases", d.Releases);
        Line("dhcp.informs", d.Informs);
        Line("dhcp.malformed", d.Malformed);
        Line("dhcp.ignored", d.Ignored);
        return text.Append(NetStatistics.Format(network.Stack)).ToString();
    }
}
