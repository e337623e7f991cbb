using System.Buffers.Binary;

namespace Islet.Net.Wire;

/// <summary>
/// One TCP option as produced by <see cref="TcpOptionReader"/>, which has already checked
/// that the length matches the kind; the typed accessors never throw and return 0 when
/// asked for a field the kind does not carry.
/// </summary>
public readonly ref struct TcpOption
{
    private readonly ReadOnlySpan<byte> _data;

    internal TcpOption(TcpOptionKind kind, ReadOnlySpan<byte> data)
    {
        Kind = kind;
        _data = data;
    }

    /// <summary>The option kind (may be a value not named by <see cref="TcpOptionKind"/>).</summary>
    public TcpOptionKind Kind { get; }

    /// <summary>The option value: the bytes after the kind and length octets.</summary>
    public ReadOnlySpan<byte> Data => _data;

    /// <summary>The MSS value of a <see cref="TcpOptionKind.MaxSegmentSize"/> option.</summary>
    public ushort MaxSegmentSize => Kind == TcpOptionKind.MaxSegmentSize ? BinaryPrimitives.ReadUInt16BigEndian(_data) : (ushort)0;

    /// <summary>
    /// The shift count of a <see cref="TcpOptionKind.WindowScale"/> option, as sent. RFC 7323
    /// §2.3: a receiver must treat values above 14 as 14; that clamp is the caller's.
    /// </summary>
    public byte WindowScale => Kind == TcpOptionKind.WindowScale ? _data[0] : (byte)0;

    /// <summary>TSval of a <see cref="TcpOptionKind.Timestamps"/> option.</summary>
    public uint TimestampValue => Kind == TcpOptionKind.Timestamps ? BinaryPrimitives.ReadUInt32BigEndian(_data) : 0;

    /// <summary>TSecr of a <see cref="TcpOptionKind.Timestamps"/> option.</summary>
    public uint TimestampEchoReply => Kind == TcpOptionKind.Timestamps ? BinaryPrimitives.ReadUInt32BigEndian(_data[4..]) : 0;

    /// <summary>Number of blocks in a <see cref="TcpOptionKind.Sack"/> option (1-4).</summary>
    public int SackBlockCount => Kind == TcpOptionKind.Sack ? _data.Length / 8 : 0;

    /// <summary>Reads SACK block <paramref name="index"/>; false if out of range.</summary>
    public bool TryGetSackBlock(int index, out uint leftEdge, out uint rightEdge)
    {
        leftEdge = rightEdge = 0;
        if ((uint)index >= (uint)SackBlockCount) return false;
        leftEdge = BinaryPrimitives.ReadUInt32BigEndian(_data[(index * 8)..]);
        rightEdge = BinaryPrimitives.ReadUInt32BigEndian(_data[(index * 8 + 4)..]);
        return true;
    }
}
