using System.Buffers.Binary;

namespace Islet.Net.Wire;

/// <summary>
/// A read-only view of an IPv4 packet (RFC 791 §3.1). <see cref="TryCreate"/> checks that
/// the header length (IHL ≥ 5) and total length fit the buffer, so no accessor throws.
/// The version field and checksum are not checked here; see <see cref="Ipv4Repr.TryParse"/>.
/// </summary>
public readonly ref struct Ipv4Packet
{
    internal const int VersionIhlOffset = 0;
    internal const int DscpEcnOffset = 1;
    internal const int TotalLengthOffset = 2;
    internal const int IdentificationOffset = 4;
    internal const int FlagsFragmentOffset = 6;
    internal const int TtlOffset = 8;
    internal const int ProtocolOffset = 9;
    internal const int ChecksumOffset = 10;
    internal const int SourceOffset = 12;
    internal const int DestinationOffset = 16;

    /// <summary>Length of a header without options.</summary>
    public const int MinHeaderLength = 20;

    private readonly ReadOnlySpan<byte> _buffer;

    private Ipv4Packet(ReadOnlySpan<byte> buffer) => _buffer = buffer;

    /// <summary>
    /// Wraps <paramref name="buffer"/>. False if it is shorter than 20 bytes, IHL &lt; 5,
    /// the header is longer than the total length, or the total length exceeds the buffer.
    /// Bytes past the total length (link-layer padding) are allowed and ignored.
    /// </summary>
    public static bool TryCreate(ReadOnlySpan<byte> buffer, out Ipv4Packet packet)
    {
        packet = default;
        if (buffer.Length < MinHeaderLength) return false;
        int headerLength = (buffer[VersionIhlOffset] & 0x0F) * 4;
        int totalLength = BinaryPrimitives.ReadUInt16BigEndian(buffer[TotalLengthOffset..]);
        if (headerLength < MinHeaderLength || totalLength < headerLength || totalLength > buffer.Length)
            return false;
        packet = new Ipv4Packet(buffer);
        return true;
    }

    /// <summary>The version field (4 for IPv4).</summary>
    public int Version => _buffer[VersionIhlOffset] >> 4;

    /// <summary>The header length in bytes (IHL × 4).</summary>
    public int HeaderLength => (_buffer[VersionIhlOffset] & 0x0F) * 4;

    /// <summary>Differentiated services code point (RFC 2474), the high 6 bits of byte 1.</summary>
    public byte Dscp => (byte)(_buffer[DscpEcnOffset] >> 2);

    /// <summary>Explicit congestion notification (RFC 3168), the low 2 bits of byte 1.</summary>
    public byte Ecn => (byte)(_buffer[DscpEcnOffset] & 0x03);

    /// <summary>The total length field (header plus payload).</summary>
    public int TotalLength => BinaryPrimitives.ReadUInt16BigEndian(_buffer[TotalLengthOffset..]);

    /// <summary>The identification field.</summary>
    public ushort Identification => BinaryPrimitives.ReadUInt16BigEndian(_buffer[IdentificationOffset..]);

    /// <summary>The DF (don't fragment) flag.</summary>
    public bool DontFragment => (_buffer[FlagsFragmentOffset] & 0x40) != 0;

    /// <summary>The MF (more fragments) flag.</summary>
    public bool MoreFragments => (_buffer[FlagsFragmentOffset] & 0x20) != 0;

    /// <summary>The fragment offset in bytes (the field counts 8-byte units).</summary>
    public int FragmentOffset => (BinaryPrimitives.ReadUInt16BigEndian(_buffer[FlagsFragmentOffset..]) & 0x1FFF) * 8;

    /// <summary>Time to live.</summary>
    public byte Ttl => _buffer[TtlOffset];

    /// <summary>The upper-layer protocol number.</summary>
    public IpProtocol Protocol => (IpProtocol)_buffer[ProtocolOffset];

    /// <summary>The header checksum field.</summary>
    public ushort Checksum => BinaryPrimitives.ReadUInt16BigEndian(_buffer[ChecksumOffset..]);

    /// <summary>Source address.</summary>
    public Ipv4Address Source => Ipv4Address.Read(_buffer[SourceOffset..]);

    /// <summary>Destination address.</summary>
    public Ipv4Address Destination => Ipv4Address.Read(_buffer[DestinationOffset..]);

    /// <summary>The options bytes (possibly empty), between byte 20 and the header length.</summary>
    public ReadOnlySpan<byte> Options => _buffer[MinHeaderLength..HeaderLength];

    /// <summary>The header bytes, options included.</summary>
    public ReadOnlySpan<byte> Header => _buffer[..HeaderLength];

    /// <summary>The payload: from the header length up to the total length.</summary>
    public ReadOnlySpan<byte> Payload => _buffer[HeaderLength..TotalLength];

    /// <summary>True if the header checksum verifies (RFC 1071).</summary>
    public bool VerifyChecksum() => InternetChecksum.Verify(Header);
}
