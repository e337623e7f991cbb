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
    public static bool TryParse(in Ipv4Packet packet, out Ipv4Repr repr)
    {
        repr = default;
        if (packet.Version != 4 || !packet.VerifyChecksum()) return false;
        repr = new Ipv4Repr
        {
            Source = packet.Source,
            Destination = packet.Destination,
            Protocol = packet.Protocol,
            PayloadLength = packet.TotalLength - packet.HeaderLength,
            Ttl = packet.Ttl,
            Dscp = packet.Dscp,
            Ecn = packet.Ecn,
            Identification = packet.Identification,
            DontFragment = packet.DontFragment,
            MoreFragments = packet.MoreFragments,
            FragmentOffset = packet.FragmentOffset,
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
