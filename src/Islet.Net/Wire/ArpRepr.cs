using System.Buffers.Binary;
using Islet.Devices;

namespace Islet.Net.Wire;

/// <summary>The meaning of an Ethernet/IPv4 ARP request or reply (RFC 826).</summary>
public readonly record struct ArpRepr(
    ArpOperation Operation,
    MacAddress SenderHardwareAddress,
    Ipv4Address SenderProtocolAddress,
    MacAddress TargetHardwareAddress,
    Ipv4Address TargetProtocolAddress)
{
    /// <summary>Length of the emitted packet.</summary>
    public int BufferLength => ArpPacket.EthernetIpv4Length;

    /// <summary>
    /// Interprets a view. False unless HTYPE = 1, PTYPE = 0x0800, HLEN = 6, PLEN = 4 and the
    /// operation is a request or a reply.
    /// </summary>
    public static bool TryParse(in ArpPacket packet, out ArpRepr repr)
    {
        repr = default;
        if (packet.HardwareType != 1 || packet.ProtocolType != EtherType.Ipv4
            || packet.HardwareLength != 6 || packet.ProtocolLength != 4
            || packet.Operation is not (ArpOperation.Request or ArpOperation.Reply))
            return false;
        repr = new ArpRepr(
            packet.Operation,
            MacAddress.FromBytes(packet.SenderHardwareAddress),
            Ipv4Address.Read(packet.SenderProtocolAddress),
            MacAddress.FromBytes(packet.TargetHardwareAddress),
            Ipv4Address.Read(packet.TargetProtocolAddress));
        return true;
    }

    /// <summary>Writes the 28-byte packet; false (nothing written) if <paramref name="destination"/> is too short.</summary>
    public bool TryWrite(Span<byte> destination, out int written)
    {
        written = 0;
        if (destination.Length < ArpPacket.EthernetIpv4Length) return false;
        var d = destination[..ArpPacket.EthernetIpv4Length];
        BinaryPrimitives.WriteUInt16BigEndian(d[ArpPacket.HardwareTypeOffset..], 1);
        BinaryPrimitives.WriteUInt16BigEndian(d[ArpPacket.ProtocolTypeOffset..], (ushort)EtherType.Ipv4);
        d[ArpPacket.HardwareLengthOffset] = 6;
        d[ArpPacket.ProtocolLengthOffset] = 4;
        BinaryPrimitives.WriteUInt16BigEndian(d[ArpPacket.OperationOffset..], (ushort)Operation);
        SenderHardwareAddress.WriteTo(d[8..]);
        SenderProtocolAddress.TryWrite(d[14..]);
        TargetHardwareAddress.WriteTo(d[18..]);
        TargetProtocolAddress.TryWrite(d[24..]);
        written = ArpPacket.EthernetIpv4Length;
        return true;
    }
}
