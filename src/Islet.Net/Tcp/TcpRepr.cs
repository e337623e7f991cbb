using System.Buffers.Binary;
using Islet.Net.Tcp.Internal;
using Islet.Net.Wire;

namespace Islet.Net.Tcp;

/// <summary>
/// The meaning of a TCP header (RFC 9293 §3.1) with the options this stack understands:
/// MSS (§3.7.1), window scale and timestamps (RFC 7323), SACK-permitted and SACK blocks
/// (RFC 2018). Unknown options are skipped on parse and never emitted.
/// </summary>
public struct TcpRepr
{
    /// <summary>The largest number of option bytes a header can carry.</summary>
    public const int MaxOptionsLength = 40;

    private TcpSackBlockArray _sack;

    /// <summary>Source port (never 0 on the wire).</summary>
    public ushort SourcePort { get; set; }
    /// <summary>Destination port (never 0 on the wire).</summary>
    public ushort DestinationPort { get; set; }
    /// <summary>Sequence number.</summary>
    public SeqNumber SequenceNumber { get; set; }
    /// <summary>Acknowledgment number, meaningful with <see cref="TcpFlags.Ack"/>.</summary>
    public SeqNumber AcknowledgmentNumber { get; set; }
    /// <summary>Control bits.</summary>
    public TcpFlags Flags { get; set; }
    /// <summary>The raw 16-bit window field (unscaled).</summary>
    public ushort Window { get; set; }
    /// <summary>Urgent pointer.</summary>
    public ushort UrgentPointer { get; set; }
    /// <summary>MSS option value, or 0 when absent.</summary>
    public ushort MaxSegmentSize { get; set; }
    /// <summary>Window scale shift as sent, or null when absent.</summary>
    public byte? WindowScale { get; set; }
    /// <summary>SACK-permitted option present.</summary>
    public bool SackPermitted { get; set; }
    /// <summary>Timestamps option present.</summary>
    public bool HasTimestamps { get; set; }
    /// <summary>TSval (with <see cref="HasTimestamps"/>).</summary>
    public uint TimestampValue { get; set; }
    /// <summary>TSecr (with <see cref="HasTimestamps"/>).</summary>
    public uint TimestampEchoReply { get; set; }
    /// <summary>Number of SACK blocks, 0-4.</summary>
    public int SackBlockCount { get; private set; }

    /// <summary>True if <paramref name="flag"/> is set.</summary>
    public readonly bool Has(TcpFlags flag) => (Flags & flag) != 0;

    /// <summary>Sequence space occupied: payload plus one each for SYN and FIN.</summary>
    public readonly int SegmentLength(int payloadLength) =>
        payloadLength + (Has(TcpFlags.Syn) ? 1 : 0) + (Has(TcpFlags.Fin) ? 1 : 0);

    /// <summary>SACK block <paramref name="index"/> (0 ≤ index &lt; <see cref="SackBlockCount"/>).</summary>
    public readonly TcpSackBlock GetSackBlock(int index)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)index, (uint)SackBlockCount, nameof(index));
        return _sack[index];
    }

    /// <summary>Appends a SACK block; false when four are already present.</summary>
    public bool TryAddSackBlock(TcpSackBlock block)
    {
        if (SackBlockCount == 4) return false;
        _sack[SackBlockCount++] = block;
        return true;
    }

    /// <summary>Removes all SACK blocks.</summary>
    public void ClearSackBlocks() => SackBlockCount = 0;

    /// <summary>Option bytes <see cref="TryWrite"/> emits (already a multiple of 4).</summary>
    public readonly int OptionsLength
    {
        get
        {
            int n = MaxSegmentSize != 0 ? 4 : 0;
            if (SackPermitted && HasTimestamps) n += 12;
            else if (SackPermitted) n += 4;
            else if (HasTimestamps) n += 12;
            if (WindowScale.HasValue) n += 4;
            if (SackBlockCount > 0) n += 4 + 8 * SackBlockCount;
            return n;
        }
    }

    /// <summary>Header length emitted by <see cref="TryWrite"/>.</summary>
    public readonly int HeaderLength => TcpSegment.MinHeaderLength + OptionsLength;

    /// <summary>
    /// Interprets a segment view. False when a port is 0 or the options are malformed (see
    /// <see cref="TcpOptionReader"/>). The checksum is not checked here: use
    /// <see cref="TcpSegment.VerifyChecksum"/> first.
    /// </summary>
    public static bool TryParse(in TcpSegment segment, out TcpRepr repr)
    {
        repr = default;
        if (segment.SourcePort == 0 || segment.DestinationPort == 0) return false;
        var r = new TcpRepr
        {
            SourcePort = segment.SourcePort,
            DestinationPort = segment.DestinationPort,
            SequenceNumber = new SeqNumber(segment.SequenceNumber),
            AcknowledgmentNumber = new SeqNumber(segment.AcknowledgmentNumber),
            Flags = segment.Flags,
            Window = segment.Window,
            UrgentPointer = segment.UrgentPointer,
        };
        var reader = new TcpOptionReader(segment.Options);
        while (reader.TryReadNext(out var option))
        {
            switch (option.Kind)
            {
                case TcpOptionKind.MaxSegmentSize: r.MaxSegmentSize = option.MaxSegmentSize; break;
                case TcpOptionKind.WindowScale: r.WindowScale = option.WindowScale; break;
                case TcpOptionKind.SackPermitted: r.SackPermitted = true; break;
                case TcpOptionKind.Timestamps:
                    r.HasTimestamps = true;
                    r.TimestampValue = option.TimestampValue;
                    r.TimestampEchoReply = option.TimestampEchoReply;
                    break;
                case TcpOptionKind.Sack:
                    r.SackBlockCount = 0;
                    for (int i = 0; option.TryGetSackBlock(i, out uint left, out uint right); i++)
                        r.TryAddSackBlock(new TcpSackBlock(new SeqNumber(left), new SeqNumber(right)));
                    break;
            }
        }
        if (reader.IsMalformed) return false;
        repr = r;
        return true;
    }

    /// <summary>
    /// Writes the header with its options into <c>destination[..HeaderLength]</c> and the
    /// checksum over the IPv4 pseudo-header, the header and the <paramref name="payloadLength"/>
    /// payload bytes the caller has already placed at <c>destination[HeaderLength..]</c>.
    /// False (nothing meaningful written) when the buffer is too short or the options exceed 40 bytes.
    /// </summary>
    public readonly bool TryWrite(Span<byte> destination, int payloadLength, Ipv4Address source, Ipv4Address destinationAddress, out int written)
    {
        written = 0;
        int optionsLength = OptionsLength;
        int h = TcpSegment.MinHeaderLength + optionsLength;
        if (optionsLength > MaxOptionsLength || payloadLength < 0 || destination.Length < h + payloadLength) return false;
        var d = destination[..h];
        BinaryPrimitives.WriteUInt16BigEndian(d[TcpSegment.SourcePortOffset..], SourcePort);
        BinaryPrimitives.WriteUInt16BigEndian(d[TcpSegment.DestinationPortOffset..], DestinationPort);
        BinaryPrimitives.WriteUInt32BigEndian(d[TcpSegment.SequenceNumberOffset..], SequenceNumber.Value);
        BinaryPrimitives.WriteUInt32BigEndian(d[TcpSegment.AcknowledgmentNumberOffset..], AcknowledgmentNumber.Value);
        d[TcpSegment.DataOffsetOffset] = (byte)(h / 4 << 4);
        d[TcpSegment.FlagsOffset] = (byte)Flags;
        BinaryPrimitives.WriteUInt16BigEndian(d[TcpSegment.WindowOffset..], Window);
        BinaryPrimitives.WriteUInt16BigEndian(d[TcpSegment.ChecksumOffset..], 0);
        BinaryPrimitives.WriteUInt16BigEndian(d[TcpSegment.UrgentPointerOffset..], UrgentPointer);
        WriteOptions(d[TcpSegment.MinHeaderLength..]);
        var segment = destination[..(h + payloadLength)];
        ulong sum = InternetChecksum.PseudoHeaderIpv4(source, destinationAddress, IpProtocol.Tcp, segment.Length);
        BinaryPrimitives.WriteUInt16BigEndian(d[TcpSegment.ChecksumOffset..], InternetChecksum.Finish(InternetChecksum.Accumulate(sum, segment)));
        written = h;
        return true;
    }

    private readonly void WriteOptions(Span<byte> o)
    {
        int p = 0;
        if (MaxSegmentSize != 0)
        {
            o[p] = (byte)TcpOptionKind.MaxSegmentSize; o[p + 1] = 4;
            BinaryPrimitives.WriteUInt16BigEndian(o[(p + 2)..], MaxSegmentSize);
            p += 4;
        }
        if (SackPermitted)
        {
            if (!HasTimestamps) { o[p++] = (byte)TcpOptionKind.NoOperation; o[p++] = (byte)TcpOptionKind.NoOperation; }
            o[p++] = (byte)TcpOptionKind.SackPermitted; o[p++] = 2;
        }
        if (HasTimestamps)
        {
            if (!SackPermitted) { o[p++] = (byte)TcpOptionKind.NoOperation; o[p++] = (byte)TcpOptionKind.NoOperation; }
            o[p] = (byte)TcpOptionKind.Timestamps; o[p + 1] = 10;
            BinaryPrimitives.WriteUInt32BigEndian(o[(p + 2)..], TimestampValue);
            BinaryPrimitives.WriteUInt32BigEndian(o[(p + 6)..], TimestampEchoReply);
            p += 10;
        }
        if (WindowScale is byte shift)
        {
            o[p++] = (byte)TcpOptionKind.NoOperation;
            o[p++] = (byte)TcpOptionKind.WindowScale; o[p++] = 3; o[p++] = shift;
        }
        if (SackBlockCount > 0)
        {
            o[p++] = (byte)TcpOptionKind.NoOperation; o[p++] = (byte)TcpOptionKind.NoOperation;
            o[p++] = (byte)TcpOptionKind.Sack; o[p++] = (byte)(2 + 8 * SackBlockCount);
            for (int i = 0; i < SackBlockCount; i++, p += 8)
            {
                BinaryPrimitives.WriteUInt32BigEndian(o[p..], _sack[i].Left.Value);
                BinaryPrimitives.WriteUInt32BigEndian(o[(p + 4)..], _sack[i].Right.Value);
            }
        }
    }
}
