using System.Buffers.Binary;

namespace Islet.Net.Wire;

/// <summary>The meaning of a UDP header carried over IPv4.</summary>
public readonly record struct UdpRepr(ushort SourcePort, ushort DestinationPort, int PayloadLength)
{
    /// <summary>Length of the UDP header.</summary>
    public int HeaderLength => UdpDatagram.HeaderLength;

    /// <summary>Header plus payload.</summary>
    public int BufferLength => UdpDatagram.HeaderLength + PayloadLength;

    /// <summary>
    /// Interprets a view. False if the checksum does not verify against the pseudo-header
    /// built from <paramref name="source"/> and <paramref name="destination"/>, or if the
    /// destination port is 0. A zero checksum field means "none" and is accepted.
    /// </summary>
    public static bool TryParse(in UdpDatagram datagram, Ipv4Address source, Ipv4Address destination, out UdpRepr repr)
    {
        repr = default;
        if (datagram.DestinationPort == 0 || !datagram.VerifyChecksum(source, destination)) return false;
        repr = new UdpRepr(datagram.SourcePort, datagram.DestinationPort, datagram.Length - UdpDatagram.HeaderLength);
        return true;
    }

    /// <summary>
    /// Writes the header for a payload that the caller has already placed at
    /// <c>destination[8..8+PayloadLength]</c>, computing the checksum over it. A computed
    /// checksum of 0 is sent as 0xFFFF (RFC 768). False (nothing written) if the destination
    /// is too short or the payload length is out of range.
    /// </summary>
    public bool TryWrite(Span<byte> destination, Ipv4Address source, Ipv4Address destinationAddress, out int written)
    {
        written = 0;
        if ((uint)PayloadLength > ushort.MaxValue - UdpDatagram.HeaderLength || destination.Length < BufferLength)
            return false;
        var d = destination[..BufferLength];
        BinaryPrimitives.WriteUInt16BigEndian(d[UdpDatagram.SourcePortOffset..], SourcePort);
        BinaryPrimitives.WriteUInt16BigEndian(d[UdpDatagram.DestinationPortOffset..], DestinationPort);
        BinaryPrimitives.WriteUInt16BigEndian(d[UdpDatagram.LengthOffset..], (ushort)BufferLength);
        BinaryPrimitives.WriteUInt16BigEndian(d[UdpDatagram.ChecksumOffset..], 0);
        ulong sum = InternetChecksum.PseudoHeaderIpv4(source, destinationAddress, IpProtocol.Udp, BufferLength);
        ushort checksum = InternetChecksum.Finish(InternetChecksum.Accumulate(sum, d));
        BinaryPrimitives.WriteUInt16BigEndian(d[UdpDatagram.ChecksumOffset..], checksum == 0 ? (ushort)0xFFFF : checksum);
        written = BufferLength;
        return true;
    }

    /// <summary>
    /// Copies <paramref name="payload"/> (whose length must equal <see cref="PayloadLength"/>)
    /// after the header, then writes the header as <see cref="TryWrite(Span{byte}, Ipv4Address, Ipv4Address, out int)"/>.
    /// </summary>
    public bool TryWrite(Span<byte> destination, Ipv4Address source, Ipv4Address destinationAddress, ReadOnlySpan<byte> payload, out int written)
    {
        written = 0;
        if (payload.Length != PayloadLength || destination.Length < BufferLength) return false;
        payload.CopyTo(destination[UdpDatagram.HeaderLength..]);
        return TryWrite(destination, source, destinationAddress, out written);
    }
}
