using Islet.Devices;
using Islet.Net.Icmp;
using Islet.Net.Wire;

namespace Islet.Net.Interface;

public sealed partial class NetInterface<TDevice>
{
    /// <summary>Dispatches one received frame. Every check goes through a wire view's TryCreate, so no input can throw.</summary>
    private void HandleFrame(ReadOnlySpan<byte> bytes)
    {
        if (!EthernetFrame.TryCreate(bytes, out var frame)) { Counters.Malformed++; return; }
        var destination = frame.Destination;
        if (destination != _device.Mac && destination != MacAddress.Broadcast) { Counters.NotForUs++; return; }
        switch (frame.EtherType)
        {
            case EtherType.Arp: HandleArp(frame.Payload); break;
            case EtherType.Ipv4: HandleIpv4(frame.Payload); break;
            default: Counters.UnknownEtherType++; break;
        }
    }

    /// <summary>
    /// RFC 826's reception algorithm: update the sender if known (merge), and when the target
    /// is our address add the sender and, for a request, reply. A sender claiming our address
    /// is a conflict (RFC 5227) and is counted, never learnt.
    /// </summary>
    private void HandleArp(ReadOnlySpan<byte> bytes)
    {
        if (!ArpPacket.TryCreate(bytes, out var packet) || !ArpRepr.TryParse(packet, out var arp))
        {
            Counters.Arp.Malformed++;
            return;
        }
        Counters.Arp.Received++;
        var local = _config.Address;
        if (!local.IsUnspecified && arp.SenderProtocolAddress == local) { Counters.Arp.Conflicts++; return; }
        bool forUs = !local.IsUnspecified && arp.TargetProtocolAddress == local;
        bool proxied = arp.Operation == ArpOperation.Request && IsProxiedArpTarget(arp);
        var sender = arp.SenderProtocolAddress;
        bool senderUsable = !sender.IsUnspecified && !sender.IsBroadcast && !sender.IsMulticast && !arp.SenderHardwareAddress.IsMulticast;
        if (senderUsable) Arp.Learn(sender, arp.SenderHardwareAddress, _now, create: forUs || proxied);
        if ((forUs || proxied) && arp.Operation == ArpOperation.Request && !arp.SenderHardwareAddress.IsMulticast)
            SendArp(ArpOperation.Reply, arp.SenderHardwareAddress, sender, arp.SenderHardwareAddress, arp.TargetProtocolAddress);
    }

    /// <summary>
    /// A router answers requests for every other on-link address (proxy ARP, RFC 1027), but
    /// never a probe (sender 0.0.0.0) or an announcement (sender = target), RFC 5227 §2.1.1:
    /// that would tell the peer its own address is taken.
    /// </summary>
    private bool IsProxiedArpTarget(in ArpRepr arp) =>
        _config.Router && !arp.SenderProtocolAddress.IsUnspecified && arp.SenderProtocolAddress != arp.TargetProtocolAddress
        && _config.IsOnLink(arp.TargetProtocolAddress) && !_config.IsSubnetBroadcast(arp.TargetProtocolAddress)
        && arp.TargetProtocolAddress != _config.Address;

    /// <summary>
    /// RFC 1122 §3.2.1 validation. A datagram is dropped if it is malformed, its header checksum
    /// fails, it comes from a broadcast or multicast source, it is for neither our address nor
    /// a broadcast address (anything is accepted while unconfigured, for DHCP, and any unicast
    /// destination by a router), or its TTL is 0
    /// (RFC 1122 §3.2.1.7 forbids sending one, so it can only come from a broken or forged sender).
    /// IP options are accepted and ignored.
    /// </summary>
    private void HandleIpv4(ReadOnlySpan<byte> bytes)
    {
        var counters = Counters.Ipv4;
        if (!Ipv4Packet.TryCreate(bytes, out var packet) || packet.Version != 4) { counters.Malformed++; return; }
        if (!packet.VerifyChecksum()) { counters.BadChecksum++; return; }
        if (!Wire.Ipv4Repr.TryParse(packet, out var ip)) { counters.Malformed++; return; }
        if (ip.Source.IsBroadcast || ip.Source.IsMulticast) { counters.NotForUs++; return; }
        bool broadcast = ip.Destination.IsBroadcast || _config.IsSubnetBroadcast(ip.Destination);
        if (!broadcast && ip.Destination != _config.Address && !_config.Address.IsUnspecified
            && !(_config.Router && !ip.Destination.IsMulticast && !ip.Destination.IsUnspecified)) { counters.NotForUs++; return; }
        if (ip.Ttl == 0) { counters.TtlExpired++; return; }
        if (ip.MoreFragments || ip.FragmentOffset != 0)
        {
            if (_reassembler.TryAdd(ip, packet.Payload, _now, out var whole, out var data))
                Deliver(whole, data, broadcast, default);
            return;
        }
        Deliver(ip, packet.Payload, broadcast, bytes[..packet.TotalLength]);
    }

    /// <summary>
    /// Hands a whole datagram to ICMP or its transport. <paramref name="original"/> is the raw
    /// packet for unfragmented datagrams (quoted in errors) and empty for reassembled ones,
    /// about which no ICMP error is sent.
    /// </summary>
    private void Deliver(in Wire.Ipv4Repr ip, ReadOnlySpan<byte> payload, bool broadcast, ReadOnlySpan<byte> original)
    {
        Counters.Ipv4.Delivered++;
        if (_config.Router && !broadcast && ip.Destination != _config.Address && ip.Protocol != IpProtocol.Tcp)
        {
            // A router answers for other addresses only with TCP; see InterfaceConfig.Router.
            byte code = ip.Protocol == IpProtocol.Udp ? IcmpLayer.PortUnreachable : IcmpLayer.ProtocolUnreachable;
            if (ip.Protocol != IpProtocol.Icmp && !original.IsEmpty) Icmp.TrySendUnreachable(code, ip, original, broadcast, _now, _output);
            return;
        }
        if (ip.Protocol == IpProtocol.Icmp)
        {
            Icmp.Receive(ip, payload, broadcast, _now, _output);
            return;
        }
        if (ip.Protocol == IpProtocol.Udp && TryReceiveDhcp(ip, payload)) return;
        var transport = FindTransport(ip.Protocol);
        if (transport is null)
        {
            Counters.Ipv4.UnknownProtocol++;
            if (!original.IsEmpty) Icmp.TrySendUnreachable(IcmpLayer.ProtocolUnreachable, ip, original, broadcast, _now, _output);
            return;
        }
        if (!transport.Receive(ip, payload, _now) && !original.IsEmpty)
            Icmp.TrySendUnreachable(IcmpLayer.PortUnreachable, ip, original, broadcast, _now, _output);
    }
}
