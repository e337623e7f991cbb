using System.Buffers.Binary;

namespace Islet.Dns.Wire;

/// <summary>Writes DNS messages in wire format into a buffer the caller owns, compressing names
/// (RFC 1035 §4.1.4) where RFC 3597 §4 allows it: owner names, question names and the names in NS,
/// CNAME, PTR, SOA and MX rdata; never in SRV, RRSIG, NSEC or TSIG rdata. The compression table is a
/// list of earlier label offsets, compared against the bytes already written, so a record costs no
/// allocation beyond that list's growth.</summary>
public ref struct DnsMessageWriter
{
    private readonly Span<byte> _buffer;
    private readonly List<ushort> _labels;
    private int _position;
    private int _limit;
    private bool _overflow;

    /// <summary>Starts writing at offset 0 of <paramref name="destination"/>, which bounds the message size.</summary>
    public DnsMessageWriter(Span<byte> destination)
    {
        _buffer = destination;
        _limit = destination.Length;
        _labels = new List<ushort>(16);
    }

    /// <summary>The number of bytes written so far.</summary>
    public readonly int Length => _position;

    /// <summary>Writes <paramref name="message"/> with the default size limit: 512 bytes without EDNS,
    /// otherwise the EDNS payload size (at least 512). See <see cref="Write(DnsMessage, Span{byte}, int)"/>.</summary>
    public static int Write(DnsMessage message, Span<byte> destination)
    {
        ArgumentNullException.ThrowIfNull(message);
        int max = message.Edns is { } edns ? Math.Max(512, (int)edns.UdpPayloadSize) : 512;
        return Write(message, destination, max);
    }

    /// <summary>Writes <paramref name="message"/> into at most <paramref name="maxSize"/> bytes of
    /// <paramref name="destination"/> and returns the length. The header counts are taken from the
    /// sections. Truncation keeps RRsets whole (RFC 2181 §9), an RRset being a run of consecutive
    /// records with the same owner, type and class: when a record of the answer or authority section
    /// does not fit, its whole RRset and every record after it (in all sections) are left out and TC is
    /// set; when only a record of the additional section does not fit, its RRset and the records after
    /// it are left out without setting TC, since the answer is complete without them. The OPT record of <see cref="DnsMessage.Edns"/> always has room kept for it, and
    /// so has a TSIG record at the end of <see cref="DnsMessage.Additional"/>, which is written after the
    /// OPT record so that it stays last (RFC 8945 §5.1).</summary>
    /// <exception cref="ArgumentException">The header, the questions, the OPT and the TSIG record do not fit.</exception>
    public static int Write(DnsMessage message, Span<byte> destination, int maxSize)
    {
        ArgumentNullException.ThrowIfNull(message);
        int limit = Math.Min(Math.Min(maxSize, destination.Length), ushort.MaxValue);
        if (limit < DnsHeader.Length)
            throw new ArgumentException("The destination cannot hold a 12-byte header.", nameof(destination));
        var writer = new DnsMessageWriter(destination[..limit]);
        writer._position = DnsHeader.Length;
        for (int i = 0; i < message.Questions.Count; i++)
        {
            if (!writer.TryWriteQuestion(message.Questions[i]))
                throw new ArgumentException("The destination cannot hold the questions.", nameof(destination));
        }
        DnsEdns? edns = message.Edns;
        IReadOnlyList<DnsRecord> extra = message.Additional;
        DnsRecord? tsig = extra.Count > 0 && extra[^1].Data is TsigRecordData ? extra[^1] : null;
        writer._limit = limit - (edns?.WireLength ?? 0) - (tsig is null ? 0 : tsig.Name.WireLength + 10 + ((TsigRecordData)tsig.Data).Length);
        bool truncated = false;
        int answers = writer.WriteSection(message.Answers, message.Answers.Count, ref truncated);
        int authority = writer.WriteSection(message.Authority, message.Authority.Count, ref truncated);
        bool additionalCut = truncated;
        int additional = writer.WriteSection(extra, extra.Count - (tsig is null ? 0 : 1), ref additionalCut);
        writer._limit = limit;
        if (edns is not null)
        {
            edns.Write(ref writer);
            if (writer._overflow)
                throw new ArgumentException("The destination cannot hold the questions and the OPT record.", nameof(destination));
            additional++;
        }
        if (tsig is not null)
        {
            if (!writer.TryWriteRecord(tsig))
                throw new ArgumentException("The destination cannot hold the questions and the TSIG record.", nameof(destination));
            additional++;
        }
        DnsHeader header = message.Header with { IsTruncated = message.Header.IsTruncated || truncated };
        WriteHeader(destination, header, message.Questions.Count, answers, authority, additional);
        return writer._position;
    }

    /// <summary>Writes the 12-byte header with the given counts at the start of <paramref name="destination"/>.</summary>
    internal static void WriteHeader(Span<byte> destination, DnsHeader header, int questions, int answers, int authority, int additional)
    {
        BinaryPrimitives.WriteUInt16BigEndian(destination, header.Id);
        BinaryPrimitives.WriteUInt16BigEndian(destination[2..], header.Flags);
        BinaryPrimitives.WriteUInt16BigEndian(destination[4..], (ushort)questions);
        BinaryPrimitives.WriteUInt16BigEndian(destination[6..], (ushort)answers);
        BinaryPrimitives.WriteUInt16BigEndian(destination[8..], (ushort)authority);
        BinaryPrimitives.WriteUInt16BigEndian(destination[10..], (ushort)additional);
    }

    /// <summary>Starts a message body after the header's 12 bytes, keeping <paramref name="reserve"/>
    /// bytes at the end for records written after <see cref="ReleaseReserve"/> (an OPT record).</summary>
    internal void BeginBody(int reserve)
    {
        _position = DnsHeader.Length;
        _limit = _buffer.Length - reserve;
    }

    /// <summary>Makes the bytes kept by <see cref="BeginBody"/> available.</summary>
    internal void ReleaseReserve() => _limit = _buffer.Length;

    /// <summary>Writes the OPT record of <paramref name="edns"/>; false (and nothing written) when it does not fit.</summary>
    internal bool TryWriteOpt(DnsEdns edns)
    {
        int mark = _position, labels = _labels.Count;
        edns.Write(ref this);
        return Commit(mark, labels);
    }

    /// <summary>Writes <paramref name="records"/>[0..<paramref name="end"/>) until one does not fit; then
    /// rolls back to the start of that record's RRset, sets <paramref name="truncated"/> and returns the
    /// number of records kept. Writes nothing when <paramref name="truncated"/> is already set.</summary>
    private int WriteSection(IReadOnlyList<DnsRecord> records, int end, ref bool truncated)
    {
        if (truncated)
            return 0;
        int rrsetStart = 0, rrsetMark = _position, rrsetLabels = _labels.Count;
        for (int i = 0; i < end; i++)
        {
            if (i > 0 && !SameRRset(records[i - 1], records[i]))
            {
                rrsetStart = i;
                rrsetMark = _position;
                rrsetLabels = _labels.Count;
            }
            if (i == ushort.MaxValue || !TryWriteRecord(records[i]))
            {
                _position = rrsetMark;
                _labels.RemoveRange(rrsetLabels, _labels.Count - rrsetLabels);
                truncated = true;
                return rrsetStart;
            }
        }
        return end;
    }

    private static bool SameRRset(DnsRecord a, DnsRecord b) =>
        a.Type == b.Type && a.Class == b.Class && a.Name == b.Name;

    /// <summary>Writes a question; false (and nothing written) when it does not fit.</summary>
    public bool TryWriteQuestion(DnsQuestion question)
    {
        ArgumentNullException.ThrowIfNull(question);
        int mark = _position, labels = _labels.Count;
        WriteName(question.Name, compress: true);
        WriteUInt16((ushort)question.Type);
        WriteUInt16((ushort)question.Class);
        return Commit(mark, labels);
    }

    /// <summary>Writes a resource record; false (and nothing written) when it does not fit.</summary>
    public bool TryWriteRecord(DnsRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        int mark = _position, labels = _labels.Count;
        WriteName(record.Name, compress: true);
        WriteUInt16((ushort)record.Type);
        WriteUInt16((ushort)record.Class);
        WriteUInt32(record.Ttl);
        int lengthAt = _position;
        WriteUInt16(0);
        record.Data.Write(ref this);
        int length = _position - lengthAt - 2;
        if (length > ushort.MaxValue)
            _overflow = true;
        if (!Commit(mark, labels))
            return false;
        BinaryPrimitives.WriteUInt16BigEndian(_buffer[lengthAt..], (ushort)length);
        return true;
    }

    private bool Commit(int mark, int labels)
    {
        if (!_overflow)
            return true;
        _position = mark;
        _labels.RemoveRange(labels, _labels.Count - labels);
        _overflow = false;
        return false;
    }

    internal void WriteByte(byte value)
    {
        if (Reserve(1))
            _buffer[_position++] = value;
    }

    internal void WriteUInt16(ushort value)
    {
        if (!Reserve(2))
            return;
        BinaryPrimitives.WriteUInt16BigEndian(_buffer[_position..], value);
        _position += 2;
    }

    internal void WriteUInt32(uint value)
    {
        if (!Reserve(4))
            return;
        BinaryPrimitives.WriteUInt32BigEndian(_buffer[_position..], value);
        _position += 4;
    }

    internal void WriteBytes(scoped ReadOnlySpan<byte> bytes)
    {
        if (!Reserve(bytes.Length))
            return;
        bytes.CopyTo(_buffer[_position..]);
        _position += bytes.Length;
    }

    /// <summary>A length octet and the bytes of a character-string (at most 255, checked by the caller).</summary>
    internal void WriteCharacterString(scoped ReadOnlySpan<byte> bytes)
    {
        WriteByte((byte)bytes.Length);
        WriteBytes(bytes);
    }

    /// <summary>Writes a name, ending in a pointer to an earlier copy of its longest known suffix when
    /// <paramref name="compress"/> is set (and then remembering its labels for later names).</summary>
    internal void WriteName(DnsName name, bool compress)
    {
        int count = name.LabelCount, match = count, target = -1;
        if (compress)
        {
            for (int i = 0; i < count && target < 0; i++)
            {
                for (int j = 0; j < _labels.Count; j++)
                {
                    if (SuffixAt(_labels[j], name, i))
                    {
                        match = i;
                        target = _labels[j];
                        break;
                    }
                }
            }
        }
        int prefix = name.LabelOffset(match);
        if (!Reserve(prefix + (target >= 0 ? 2 : 1)))
            return;
        if (compress)
        {
            for (int i = 0; i < match && _position + name.LabelOffset(i) < 0x4000; i++)
                _labels.Add((ushort)(_position + name.LabelOffset(i)));
        }
        name.WireForm[..prefix].CopyTo(_buffer[_position..]);
        _position += prefix;
        if (target >= 0)
        {
            BinaryPrimitives.WriteUInt16BigEndian(_buffer[_position..], (ushort)(0xC000 | target));
            _position += 2;
        }
        else
        {
            _buffer[_position++] = 0;
        }
    }

    /// <summary>Whether the name written at <paramref name="offset"/> equals the labels of
    /// <paramref name="name"/> from <paramref name="first"/> on (ignoring case). Only names this writer
    /// produced are followed, so their pointers are known to go backward.</summary>
    private readonly bool SuffixAt(int offset, DnsName name, int first)
    {
        ReadOnlySpan<byte> wire = name.WireForm;
        int p = offset;
        for (int i = first; i < name.LabelCount; i++)
        {
            while ((_buffer[p] & 0xC0) == 0xC0)
                p = ((_buffer[p] & 0x3F) << 8) | _buffer[p + 1];
            int at = name.LabelOffset(i);
            int length = wire[at];
            if (_buffer[p] != length)
                return false;
            for (int j = 1; j <= length; j++)
                if (DnsName.Fold(_buffer[p + j]) != DnsName.Fold(wire[at + j]))
                    return false;
            p += length + 1;
        }
        while ((_buffer[p] & 0xC0) == 0xC0)
            p = ((_buffer[p] & 0x3F) << 8) | _buffer[p + 1];
        return _buffer[p] == 0;
    }

    private bool Reserve(int count)
    {
        if (_overflow)
            return false;
        if (count <= _limit - _position)
            return true;
        _overflow = true;
        return false;
    }
}
