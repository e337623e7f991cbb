using Islet.Devices;
using Islet.Net.Wire;

namespace Islet.Net.Tests.Interface;

/// <summary>Builds test frames with the wire reprs.</summary>
internal static class Frames
{
    public static byte[] Arp(ArpOperation op, MacAddress senderMac, Ipv4Address senderIp, MacAddress targetMac, Ipv4Address targetIp, MacAddress to)
    {
        var frame = new byte[14 + 28];
        new EthernetRepr(senderMac, to, EtherType.Arp).TryWrite(frame, out _);
        new ArpRepr(op, senderMac, senderIp, targetMac, targetIp).TryWrite(frame.AsSpan(14), out _);
        return frame;
    }

    /// <summary>An Ethernet frame carrying an IPv4 packet with <paramref name="payload"/> (header fields from <paramref name="ip"/>).</summary>
    public static byte[] Ipv4(MacAddress from, MacAddress to, Ipv4Repr ip, ReadOnlySpan<byte> payload)
    {
        var frame = new byte[14 + 20 + payload.Length];
        new EthernetRepr(from, to, EtherType.Ipv4).TryWrite(frame, out _);
        (ip with { PayloadLength = payload.Length }).TryWrite(frame.AsSpan(14), out _);
        payload.CopyTo(frame.AsSpan(34));
        return frame;
    }

    public static byte[] Udp(Ipv4Address source, ushort sourcePort, Ipv4Address destination, ushort destinationPort, ReadOnlySpan<byte> data)
    {
        var repr = new UdpRepr(sourcePort, destinationPort, data.Length);
        var bytes = new byte[repr.BufferLength];
        repr.TryWrite(bytes, source, destination, data, out _);
        return bytes;
    }

    public static byte[] Echo(ushort id, ushort seq, ReadOnlySpan<byte> data)
    {
        var repr = new IcmpV4Repr { Message = IcmpV4Message.EchoRequest, Identifier = id, SequenceNumber = seq, DataLength = data.Length };
        var bytes = new byte[repr.BufferLength];
        repr.TryWrite(bytes, data, out _);
        return bytes;
    }

    public static Ipv4Repr Header(Ipv4Address source, Ipv4Address destination, IpProtocol protocol) => new()
    {
        Source = source, Destination = destination, Protocol = protocol, Ttl = 64,
    };
}
