using System.Buffers.Binary;

namespace Islet.Net.Wire;

/// <summary>
/// A read-only view of a TCP segment (RFC 9293 §3.1). The view covers the whole IP payload,
/// because the checksum does. <see cref="TryCreate"/> checks that the data offset is at
/// least 5 and the header fits the buffer, so no accessor throws.
/// </summary>
public readonly ref struct TcpSegment
{
    internal const int SourcePortOffset = 0;
    internal const int DestinationPortOffset = 2;
    internal const int SequenceNumberOffset = 4;
    internal const int AcknowledgmentNumberOffset = 8;
    internal const int DataOffsetOffset = 12;
    internal const int FlagsOffset = 13;
    internal const int WindowOffset = 14;
    internal const int ChecksumOffset = 16;
    internal const int UrgentPointerOffset = 18;

    /// <summary>Length of a header without options.</summary>
    public const int MinHeaderLength = 20;

    private readonly ReadOnlySpan<byte> _buffer;

    private TcpSegment(ReadOnlySpan<byte> buffer) => _buffer = buffer;

    /// <summary>Wraps <paramref name="buffer"/>; false if it is shorter than 20 bytes, or the data offset is below 5 or past the buffer.</summary>
    public static bool TryCreate(ReadOnlySpan<byte> buffer, out TcpSegment segment)
    {
        segment = default;
        if (buffer.Length < MinHeaderLength) return false;
        int headerLength = (buffer[DataOffsetOffset] >> 4) * 4;
        if (headerLength < MinHeaderLength || headerLength > buffer.Length) return false;
        segment = new TcpSegment(buffer);
        return true;
    }

    /// <summary>Source port.</summary>
    public ushort SourcePort => BinaryPrimitives.ReadUInt16BigEndian(_buffer[SourcePortOffset..]);

    /// <summary>Destination port.</summary>
    public ushort DestinationPort => BinaryPrimitives.ReadUInt16BigEndian(_buffer[DestinationPortOffset..]);

    /// <summary>Sequence number.</summary>
    public uint SequenceNumber => BinaryPrimitives.ReadUInt32BigEndian(_buffer[SequenceNumberOffset..]);

    /// <summary>Acknowledgment number (meaningful only with <see cref="TcpFlags.Ack"/>).</summary>
    public uint AcknowledgmentNumber => BinaryPrimitives.ReadUInt32BigEndian(_buffer[AcknowledgmentNumberOffset..]);

    /// <summary>The header length in bytes (data offset × 4).</summary>
    public int HeaderLength => (_buffer[DataOffsetOffset] >> 4) * 4;

    /// <summary>The eight control bits of byte 13. (The reserved bits of byte 12 are not exposed.)</summary>
    public TcpFlags Flags => (TcpFlags)_buffer[FlagsOffset];

    /// <summary>The unscaled window field.</summary>
    public ushort Window => BinaryPrimitives.ReadUInt16BigEndian(_buffer[WindowOffset..]);

    /// <summary>The checksum field.</summary>
    public ushort Checksum => BinaryPrimitives.ReadUInt16BigEndian(_buffer[ChecksumOffset..]);

    /// <summary>The urgent pointer (meaningful only with <see cref="TcpFlags.Urg"/>).</summary>
    public ushort UrgentPointer => BinaryPrimitives.ReadUInt16BigEndian(_buffer[UrgentPointerOffset..]);

    /// <summary>The options bytes (possibly empty); read them with <see cref="TcpOptionReader"/>.</summary>
    public ReadOnlySpan<byte> Options => _buffer[MinHeaderLength..HeaderLength];

    /// <summary>The payload: everything after the header.</summary>
    public ReadOnlySpan<byte> Payload => _buffer[HeaderLength..];

    /// <summary>True if the checksum over the IPv4 pseudo-header and the whole segment verifies.</summary>
    public bool VerifyChecksum(Ipv4Address source, Ipv4Address destination)
    {
        ulong sum = InternetChecksum.PseudoHeaderIpv4(source, destination, IpProtocol.Tcp, _buffer.Length);
        return InternetChecksum.Fold(InternetChecksum.Accumulate(sum, _buffer)) == 0xFFFF;
    }
}
