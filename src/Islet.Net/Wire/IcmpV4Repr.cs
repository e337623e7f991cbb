using System.Buffers.Binary;

namespace Islet.Net.Wire;

/// <summary>
/// The meaning of an ICMPv4 echo request, echo reply or destination unreachable message.
/// The data bytes themselves are not held: <see cref="DataLength"/> says how many follow
/// the 8-byte header. For destination unreachable, the data is the original IPv4 header
/// followed by at least 8 bytes of its payload (RFC 792), interpreted as <see cref="OriginalHeader"/>.
/// </summary>
public readonly record struct IcmpV4Repr
{
    /// <summary>The message type.</summary>
    public IcmpV4Message Message { get; init; }
    /// <summary>The code (0 for echo; the reason for destination unreachable).</summary>
    public byte Code { get; init; }
    /// <summary>Echo identifier (echo messages only).</summary>
    public ushort Identifier { get; init; }
    /// <summary>Echo sequence number (echo messages only).</summary>
    public ushort SequenceNumber { get; init; }
    /// <summary>Next-hop MTU (destination unreachable only; meaningful for code 4, RFC 1191).</summary>
    public ushort NextHopMtu { get; init; }
    /// <summary>The quoted original header (destination unreachable only).</summary>
    public Ipv4Repr OriginalHeader { get; init; }
    /// <summary>Number of data bytes after the header.</summary>
    public int DataLength { get; init; }

    /// <summary>Length of the ICMP header.</summary>
    public int HeaderLength => IcmpV4Packet.HeaderLength;

    /// <summary>Header plus data.</summary>
    public int BufferLength => IcmpV4Packet.HeaderLength + DataLength;

    /// <summary>
    /// Interprets a view. False if the checksum does not verify, the type is not one of
    /// <see cref="IcmpV4Message"/>, an echo has a non-zero code, or a destination unreachable
    /// does not quote a valid IPv4 header (version 4, checksum) followed by at least 8 bytes.
    /// </summary>
    public static bool TryParse(in IcmpV4Packet packet, out IcmpV4Repr repr)
    {
        repr = default;
        if (!packet.VerifyChecksum()) return false;
        var data = packet.Data;
        switch (packet.Type)
        {
            case IcmpV4Message.EchoRequest or IcmpV4Message.EchoReply when packet.Code == 0:
                repr = new IcmpV4Repr
                {
                    Message = packet.Type, Identifier = packet.Identifier,
                    SequenceNumber = packet.SequenceNumber, DataLength = data.Length,
                };
                return true;
            case IcmpV4Message.DestinationUnreachable:
                if (data.Length < Ipv4Packet.MinHeaderLength) return false;
                int headerLength = (data[0] & 0x0F) * 4;
                if (headerLength < Ipv4Packet.MinHeaderLength || data.Length < headerLength + 8) return false;
                if (!Ipv4Repr.TryParseHeader(data[..headerLength], out var original)) return false;
                repr = new IcmpV4Repr
                {
                    Message = IcmpV4Message.DestinationUnreachable, Code = packet.Code,
                    NextHopMtu = packet.NextHopMtu, OriginalHeader = original, DataLength = data.Length,
                };
                return true;
            default:
                return false;
        }
    }

    /// <summary>
    /// Writes the header for data the caller has already placed at
    /// <c>destination[8..8+DataLength]</c>, computing the checksum over it. False (nothing
    /// written) if the destination is too short, <see cref="DataLength"/> is negative, the
    /// message type is unknown or an echo has a non-zero code.
    /// </summary>
    public bool TryWrite(Span<byte> destination, out int written)
    {
        written = 0;
        if (DataLength < 0 || destination.Length < BufferLength
            || Message is not (IcmpV4Message.EchoRequest or IcmpV4Message.EchoReply or IcmpV4Message.DestinationUnreachable)
            || (Message != IcmpV4Message.DestinationUnreachable && Code != 0))
            return false;
        var d = destination[..BufferLength];
        d[IcmpV4Packet.TypeOffset] = (byte)Message;
        d[IcmpV4Packet.CodeOffset] = Code;
        BinaryPrimitives.WriteUInt16BigEndian(d[IcmpV4Packet.ChecksumOffset..], 0);
        if (Message == IcmpV4Message.DestinationUnreachable)
        {
            BinaryPrimitives.WriteUInt16BigEndian(d[IcmpV4Packet.IdentifierOffset..], 0);
            BinaryPrimitives.WriteUInt16BigEndian(d[IcmpV4Packet.NextHopMtuOffset..], NextHopMtu);
        }
        else
        {
            BinaryPrimitives.WriteUInt16BigEndian(d[IcmpV4Packet.IdentifierOffset..], Identifier);
            BinaryPrimitives.WriteUInt16BigEndian(d[IcmpV4Packet.SequenceNumberOffset..], SequenceNumber);
        }
        BinaryPrimitives.WriteUInt16BigEndian(d[IcmpV4Packet.ChecksumOffset..], InternetChecksum.Compute(d));
        written = BufferLength;
        return true;
    }

    /// <summary>Copies <paramref name="data"/> (length must equal <see cref="DataLength"/>) after the header, then writes the header.</summary>
    public bool TryWrite(Span<byte> destination, ReadOnlySpan<byte> data, out int written)
    {
        written = 0;
        if (data.Length != DataLength || destination.Length < BufferLength) return false;
        data.CopyTo(destination[IcmpV4Packet.HeaderLength..]);
        return TryWrite(destination, out written);
    }
}
