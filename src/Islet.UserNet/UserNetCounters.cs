namespace Islet.UserNet;

/// <summary>What a <see cref="UserNetwork{TDevice}"/> has forwarded and refused (DHCP keeps its own counters).</summary>
public sealed class UserNetCounters
{
    /// <summary>Forwarded connections being spliced or waiting for the guest now.</summary>
    public long ForwardsActive { get; internal set; }
    /// <summary>Host connections accepted on forwarded ports.</summary>
    public long ForwardsTotal { get; internal set; }
    /// <summary>Forwarded connections reset because the guest did not accept within the window.</summary>
    public long ForwardsFailed { get; internal set; }
    /// <summary>Connection attempts to the guest that failed and were retried.</summary>
    public long GuestConnectRetries { get; internal set; }
    /// <summary>Guest connections out being spliced now (with AllowOutbound).</summary>
    public long OutboundActive { get; internal set; }
    /// <summary>Guest connections out accepted (with AllowOutbound).</summary>
    public long OutboundTotal { get; internal set; }
    /// <summary>Guest connections out reset because the host could not connect.</summary>
    public long OutboundFailed { get; internal set; }
    /// <summary>Datagrams from host clients of <c>/udp</c> forwards queued towards the guest.</summary>
    public long UdpForwarded { get; internal set; }
    /// <summary>Datagrams from the guest sent back to host clients of <c>/udp</c> forwards.</summary>
    public long UdpReplied { get; internal set; }
    /// <summary>UDP flows (host clients with their router port) open now.</summary>
    public long UdpFlowsActive { get; internal set; }
    /// <summary>UDP flows opened.</summary>
    public long UdpFlowsTotal { get; internal set; }
    /// <summary>UDP flows closed after <see cref="UserNetworkOptions.UdpFlowIdleTimeout"/> without traffic.</summary>
    public long UdpFlowsExpired { get; internal set; }
    /// <summary>UDP flows closed to make room for a new client at <see cref="UserNetworkOptions.UdpFlowLimit"/>.</summary>
    public long UdpFlowsEvicted { get; internal set; }
    /// <summary>Datagrams from host clients longer than the guest link carries in one piece, dropped.</summary>
    public long UdpTooLong { get; internal set; }
    /// <summary>
    /// Other datagrams dropped: no router port free for a new flow, a flow's queue to the guest
    /// full, a reply from another guest address or port than the forward's, a failed send to the host client.
    /// </summary>
    public long UdpDropped { get; internal set; }
}
