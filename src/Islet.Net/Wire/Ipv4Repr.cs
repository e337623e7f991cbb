using System.Buffers.Binary;

namespace Islet.Net.Wire;

/// <summary>
/// The meaning of an IPv4 header. Options are not represented: <see cref="TryParse"/>
/// accepts and skips them, <see cref="TryWrite"/> emits a 20-byte header.
/// </summary>
public readonly record struct Ipv4Repr
{
    /// <summary>Source address.</summary>
    public Ipv4Address Source { get; init; }
    /// <summary>Destination address.</summary>
    public Ipv4Address Destination { get; init; }
    /// <summary>Upper-layer protocol.</summary>
    public IpProtocol Protocol { get; init; }
    /// <summary>Payload length in bytes (total length minus header); at most 65515.</summary>
    public int PayloadLength { get; init; }
    /// <summary>Time to live.</summary>
    public byte Ttl { get; init; }
    /// <summary>DSCP, 0-63.</summary>
    public byte Dscp { get; init; }
    /// <summary>ECN, 0-3.</summary>
    public byte Ecn { get; init; }
    /// <summary>Identification.</summary>
    public ushort Identification { get; init; }
    /// <summary>Don't fragment.</summary>
    public bool DontFragment { get; init; }
    /// <summary>More fragments.</summary>
    public bool MoreFragments { get; init; }
    /// <summary>Fragment offset in bytes; a multiple of 8, at most 65528.</summary>
    public int FragmentOffset { get; init; }

    /// <summary>Length of the emitted header.</summary>
    public int HeaderLength => Ipv4Packet.MinHeaderLength;

    /// <summary>Header plus payload.</summary>
    public int BufferLength => Ipv4Packet.MinHeaderLength + PayloadLength;

    /// <summary>
    /// Interprets a view. False if the version is not 4 or the header checksum does not verify.
    /// (IHL &lt; 5 and bad total lengths were already rejected by <see cref="Ipv4Packet.TryCreate"/>.)
    /// </summary>
    public static bool TryParse(in Ipv4Packet packet, out Ipv4Repr repr) => TryParseHeader(packet.Header, out repr);

    /// <summary>
    /// Interprets header bytes alone (used for the original header quoted in ICMP errors,
    /// whose total length refers to a datagram that is not present). False unless the IHL
    /// is at least 5 and equals <c>header.Length / 4</c>, the version is 4, the total length
    /// covers the header and the checksum verifies.
    /// </summary>
    internal static bool TryParseHeader(ReadOnlySpan<byte> header, out Ipv4Repr repr)
    {
        repr = default;
        if (header.Length < Ipv4Packet.MinHeaderLength) return false;
        int headerLength = (header[Ipv4Packet.VersionIhlOffset] & 0x0F) * 4;
        int totalLength = BinaryPrimitives.ReadUInt16BigEndian(header[Ipv4Packet.TotalLengthOffset..]);
        if (header[Ipv4Packet.VersionIhlOffset] >> 4 != 4 || headerLength != header.Length || totalLength < headerLength
            || !InternetChecksum.Verify(header))
            return false;
        int flags = BinaryPrimitives.ReadUInt16BigEndian(header[Ipv4Packet.FlagsFragmentOffset..]);
        repr = new Ipv4Repr
        {
            Source = Ipv4Address.Read(header[Ipv4Packet.SourceOffset..]),
            Destination = Ipv4Address.Read(header[Ipv4Packet.DestinationOffset..]),
            Protocol = (IpProtocol)header[Ipv4Packet.ProtocolOffset],
            PayloadLength = totalLength - headerLength,
            Ttl = header[Ipv4Packet.TtlOffset],
            Dscp = (byte)(header[Ipv4Packet.DscpEcnOffset] >> 2),
            Ecn = (byte)(header[Ipv4Packet.DscpEcnOffset] & 0x03),
            Identification = BinaryPrimitives.ReadUInt16BigEndian(header[Ipv4Packet.IdentificationOffset..]),
            DontFragment = (flags & 0x4000) != 0,
            MoreFragments = (flags & 0x2000) != 0,
            FragmentOffset = (flags & 0x1FFF) * 8,
        };
        return true;
    }

    /// <summary>
    /// Writes the 20-byte header with its checksum. False (nothing written) if the destination
    /// is too short or a field is out of range (payload length, DSCP, ECN, fragment offset).
    /// </summary>
    public bool TryWrite(Span<byte> destination, out int written)
    {
        written = 0;
        const int h = Ipv4Packet.MinHeaderLength;
        if (destination.Length < h || (uint)PayloadLength > ushort.MaxValue - h || Dscp > 63 || Ecn > 3
            || (uint)FragmentOffset > 0xFFF8 || (FragmentOffset & 7) != 0)
            return false;
        var d = destination[..h];
        d[Ipv4Packet.VersionIhlOffset] = 0x45;
        d[Ipv4Packet.DscpEcnOffset] = (byte)(Dscp << 2 | Ecn);
        BinaryPrimitives.WriteUInt16BigEndian(d[Ipv4Packet.TotalLengthOffset..], (ushort)(h + PayloadLength));
        BinaryPrimitives.WriteUInt16BigEndian(d[Ipv4Packet.IdentificationOffset..], Identification);
        int flags = (DontFragment ? 0x4000 : 0) | (MoreFragments ? 0x2000 : 0) | FragmentOffset / 8;
        BinaryPrimitives.WriteUInt16BigEndian(d[Ipv4Packet.FlagsFragmentOffset..], (ushort)flags);
        d[Ipv4Packet.TtlOffset] = Ttl;
        d[Ipv4Packet.ProtocolOffset] = (byte)Protocol;
        BinaryPrimitives.WriteUInt16BigEndian(d[Ipv4Packet.ChecksumOffset..], 0);
        Source.TryWrite(d[Ipv4Packet.SourceOffset..]);
        Destination.TryWrite(d[Ipv4Packet.DestinationOffset..]);
        BinaryPrimitives.WriteUInt16BigEndian(d[Ipv4Packet.ChecksumOffset..], InternetChecksum.Compute(d));
        written = h;
        return true;
    }
}
