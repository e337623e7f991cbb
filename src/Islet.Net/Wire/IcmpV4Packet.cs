using System.Buffers.Binary;

namespace Islet.Net.Wire;

/// <summary>
/// A read-only view of an ICMPv4 message (RFC 792): type, code, checksum, the 4-byte
/// "rest of header" and the data. The view covers the whole IP payload, because the
/// checksum does. After <see cref="TryCreate"/> succeeds no accessor throws.
/// </summary>
public readonly ref struct IcmpV4Packet
{
    internal const int TypeOffset = 0;
    internal const int CodeOffset = 1;
    internal const int ChecksumOffset = 2;
    internal const int IdentifierOffset = 4;
    internal const int SequenceNumberOffset = 6;
    internal const int NextHopMtuOffset = 6;

    /// <summary>Length of the ICMP header (including the rest-of-header word).</summary>
    public const int HeaderLength = 8;

    private readonly ReadOnlySpan<byte> _buffer;

    private IcmpV4Packet(ReadOnlySpan<byte> buffer) => _buffer = buffer;

    /// <summary>Wraps <paramref name="buffer"/>; false if it is shorter than 8 bytes.</summary>
    public static bool TryCreate(ReadOnlySpan<byte> buffer, out IcmpV4Packet packet)
    {
        packet = buffer.Length >= HeaderLength ? new IcmpV4Packet(buffer) : default;
        return buffer.Length >= HeaderLength;
    }

    /// <summary>The message type (may be a value not named by <see cref="IcmpV4Message"/>).</summary>
    public IcmpV4Message Type => (IcmpV4Message)_buffer[TypeOffset];

    /// <summary>The code.</summary>
    public byte Code => _buffer[CodeOffset];

    /// <summary>The checksum field.</summary>
    public ushort Checksum => BinaryPrimitives.ReadUInt16BigEndian(_buffer[ChecksumOffset..]);

    /// <summary>Echo identifier (bytes 4-5).</summary>
    public ushort Identifier => BinaryPrimitives.ReadUInt16BigEndian(_buffer[IdentifierOffset..]);

    /// <summary>Echo sequence number (bytes 6-7).</summary>
    public ushort SequenceNumber => BinaryPrimitives.ReadUInt16BigEndian(_buffer[SequenceNumberOffset..]);

    /// <summary>Next-hop MTU of a "fragmentation needed" message (bytes 6-7, RFC 1191 §4).</summary>
    public ushort NextHopMtu => BinaryPrimitives.ReadUInt16BigEndian(_buffer[NextHopMtuOffset..]);

    /// <summary>Everything after the 8-byte header.</summary>
    public ReadOnlySpan<byte> Data => _buffer[HeaderLength..];

    /// <summary>True if the checksum over the whole message verifies.</summary>
    public bool VerifyChecksum() => InternetChecksum.Verify(_buffer);
}
