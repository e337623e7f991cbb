using Islet.Net.Dhcp;
using Islet.Net.Wire;

namespace Islet.Net.Interface;

public sealed partial class NetInterface<TDevice>
{
    private const ushort DhcpClientPort = 68, DhcpServerPort = 67;
    private DhcpLease? _appliedLease;

    /// <summary>Sends what the DHCP client has due and applies a changed lease; returns its deadline.</summary>
    private long PollDhcp(long now)
    {
        if (DhcpClient is null) return long.MaxValue;
        while (DhcpClient.TryTakeMessage(now, out var message, out var destination))
        {
            // A message the output refuses is lost; the client's retransmission covers it.
            var udp = new UdpRepr(DhcpClientPort, DhcpServerPort, message.BufferLength);
            if (!_output.TryBegin(destination, IpProtocol.Udp, udp.BufferLength, out var span)) continue;
            message.TryWrite(span[UdpDatagram.HeaderLength..], out _);
            udp.TryWrite(span, _config.Address, destination, out _);
            _output.Commit();
        }
        ApplyLease();
        return DhcpClient.NextDeadline;
    }

    /// <summary>Takes UDP 67 → 68 datagrams for the DHCP client (malformed ones are dropped here too).</summary>
    private bool TryReceiveDhcp(in Wire.Ipv4Repr ip, ReadOnlySpan<byte> payload)
    {
        if (DhcpClient is null || !UdpDatagram.TryCreate(payload, out var datagram)
            || datagram.DestinationPort != DhcpClientPort || datagram.SourcePort != DhcpServerPort)
            return false;
        if (UdpRepr.TryParse(datagram, ip.Source, ip.Destination, out _)
            && DhcpMessage.TryCreate(datagram.Payload, out var message) && DhcpRepr.TryParse(message, out var reply))
        {
            DhcpClient.Receive(reply, _now);
            ApplyLease();
        }
        return true;
    }

    private void ApplyLease()
    {
        var lease = DhcpClient!.Lease;
        if (ReferenceEquals(lease, _appliedLease)) return;
        _appliedLease = lease;
        Reconfigure(lease is null
            ? _config with { Address = Ipv4Address.Any, PrefixLength = 0, Gateway = Ipv4Address.Any }
            : _config with { Address = lease.Address, PrefixLength = lease.PrefixLength, Gateway = lease.Router });
    }
}
