using System.Buffers.Binary;

namespace Islet.Net.Wire;

/// <summary>
/// A read-only view of a UDP datagram (RFC 768). <see cref="TryCreate"/> checks that the
/// length field is at least 8 and fits the buffer, so no accessor throws.
/// </summary>
public readonly ref struct UdpDatagram
{
    internal const int SourcePortOffset = 0;
    internal const int DestinationPortOffset = 2;
    internal const int LengthOffset = 4;
    internal const int ChecksumOffset = 6;

    /// <summary>Length of the UDP header.</summary>
    public const int HeaderLength = 8;

    private readonly ReadOnlySpan<byte> _buffer;

    private UdpDatagram(ReadOnlySpan<byte> buffer) => _buffer = buffer;

    /// <summary>
    /// Wraps <paramref name="buffer"/> (normally an IP payload). False if it is shorter than 8
    /// bytes or the length field is below 8 or above the buffer length. Bytes past the length
    /// field are ignored.
    /// </summary>
    public static bool TryCreate(ReadOnlySpan<byte> buffer, out UdpDatagram datagram)
    {
        datagram = default;
        if (buffer.Length < HeaderLength) return false;
        int length = BinaryPrimitives.ReadUInt16BigEndian(buffer[LengthOffset..]);
        if (length < HeaderLength || length > buffer.Length) return false;
        datagram = new UdpDatagram(buffer);
        return true;
    }

    /// <summary>Source port.</summary>
    public ushort SourcePort => BinaryPrimitives.ReadUInt16BigEndian(_buffer[SourcePortOffset..]);

    /// <summary>Destination port.</summary>
    public ushort DestinationPort => BinaryPrimitives.ReadUInt16BigEndian(_buffer[DestinationPortOffset..]);

    /// <summary>The length field (header plus payload).</summary>
    public int Length => BinaryPrimitives.ReadUInt16BigEndian(_buffer[LengthOffset..]);

    /// <summary>The checksum field; 0 means "no checksum" over IPv4.</summary>
    public ushort Checksum => BinaryPrimitives.ReadUInt16BigEndian(_buffer[ChecksumOffset..]);

    /// <summary>The payload, up to the length field.</summary>
    public ReadOnlySpan<byte> Payload => _buffer[HeaderLength..Length];

    /// <summary>
    /// True if the checksum over the IPv4 pseudo-header, header and payload verifies, or if
    /// the checksum field is 0 (transmitter computed none, RFC 768).
    /// </summary>
    public bool VerifyChecksum(Ipv4Address source, Ipv4Address destination)
    {
        if (Checksum == 0) return true;
        ulong sum = InternetChecksum.PseudoHeaderIpv4(source, destination, IpProtocol.Udp, Length);
        return InternetChecksum.Fold(InternetChecksum.Accumulate(sum, _buffer[..Length])) == 0xFFFF;
    }
}
