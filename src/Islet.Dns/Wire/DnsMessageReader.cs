using System.Buffers.Binary;

namespace Islet.Dns.Wire;

/// <summary>A forward-only reader over one DNS message in wire format (RFC 1035 §4). It decodes
/// compressed names safely: every compression pointer must point strictly before the start of the
/// label sequence that contains it (so a chain cannot loop), a name may follow at most
/// <see cref="MaxPointerHops"/> pointers, and it may not exceed 255 octets or use the reserved label
/// types 0x40 and 0x80. Every malformation is reported as a <see cref="DnsFormatException"/>.
/// The reader borrows the span; the values it returns own their data.</summary>
public ref struct DnsMessageReader
{
    /// <summary>The most compression pointers one name may follow.</summary>
    public const int MaxPointerHops = 32;

    private readonly ReadOnlySpan<byte> _message;
    private int _position;
    private int _end;

    /// <summary>Starts reading at offset 0 of <paramref name="message"/>.</summary>
    public DnsMessageReader(ReadOnlySpan<byte> message)
    {
        _message = message;
        _end = message.Length;
    }

    /// <summary>The offset of the next byte to read.</summary>
    public readonly int Position => _position;

    /// <summary>The bytes left before the end of the message (or of the rdata being read).</summary>
    public readonly int Remaining => _end - _position;

    /// <summary>Reads one octet.</summary>
    public byte ReadByte()
    {
        Need(1, "an octet");
        return _message[_position++];
    }

    /// <summary>Reads a 16-bit big-endian integer.</summary>
    public ushort ReadUInt16()
    {
        Need(2, "a 16-bit field");
        ushort value = BinaryPrimitives.ReadUInt16BigEndian(_message[_position..]);
        _position += 2;
        return value;
    }

    /// <summary>Reads a 32-bit big-endian integer.</summary>
    public uint ReadUInt32()
    {
        Need(4, "a 32-bit field");
        uint value = BinaryPrimitives.ReadUInt32BigEndian(_message[_position..]);
        _position += 4;
        return value;
    }

    /// <summary>Reads <paramref name="count"/> bytes; the span borrows the message.</summary>
    public ReadOnlySpan<byte> ReadBytes(int count)
    {
        Need(count, $"{count} bytes");
        ReadOnlySpan<byte> bytes = _message.Slice(_position, count);
        _position += count;
        return bytes;
    }

    /// <summary>Reads a &lt;character-string&gt;: a length octet and up to 255 bytes (RFC 1035 §3.3).</summary>
    public ReadOnlySpan<byte> ReadCharacterString()
    {
        int length = ReadByte();
        if (length > Remaining)
            DnsFormatException.Throw($"A character-string at offset {_position - 1} claims {length} bytes but only {Remaining} remain.");
        return ReadBytes(length);
    }

    /// <summary>Reads the 12-byte header (RFC 1035 §4.1.1).</summary>
    public DnsHeader ReadHeader()
    {
        if (Remaining < DnsHeader.Length)
            DnsFormatException.Throw($"The message is {_message.Length} bytes, shorter than the 12-byte header.");
        ushort id = ReadUInt16();
        ushort flags = ReadUInt16();
        return DnsHeader.FromWire(id, flags, ReadUInt16(), ReadUInt16(), ReadUInt16(), ReadUInt16());
    }

    /// <summary>Reads a question entry (RFC 1035 §4.1.2).</summary>
    public DnsQuestion ReadQuestion()
    {
        DnsName name = ReadName();
        if (Remaining < 4)
            DnsFormatException.Throw($"The question for {name} is truncated at offset {_position}.");
        return new DnsQuestion(name, (DnsType)ReadUInt16(), (DnsClass)ReadUInt16());
    }

    /// <summary>Reads a resource record (RFC 1035 §4.1.3) and decodes its rdata by type; types this
    /// library does not know are kept as <see cref="UnknownRecordData"/> (RFC 3597).</summary>
    public DnsRecord ReadRecord()
    {
        DnsName name = ReadName();
        if (Remaining < 10)
            DnsFormatException.Throw($"The record for {name} is truncated at offset {_position}.");
        var type = (DnsType)ReadUInt16();
        var @class = (DnsClass)ReadUInt16();
        uint ttl = ReadUInt32();
        int length = ReadUInt16();
        if (length > Remaining)
            DnsFormatException.Throw($"The {type} record for {name} has rdlength {length} but only {Remaining} bytes remain.");
        int outerEnd = _end;
        int rdataEnd = _position + length;
        _end = rdataEnd;
        DnsRecordData data = Internal.RecordDataCodec.Read(ref this, type, length);
        if (_position != rdataEnd)
            DnsFormatException.Throw($"The {type} record for {name} has {rdataEnd - _position} bytes of rdata left over.");
        _end = outerEnd;
        return new DnsRecord(name, @class, ttl, data);
    }

    /// <summary>Reads a domain name, following compression pointers (RFC 1035 §4.1.4).</summary>
    public DnsName ReadName() => ReadName(allowCompression: true);

    /// <summary>Reads a domain name; with <paramref name="allowCompression"/> false a pointer is an
    /// error (names in RRSIG, NSEC and TSIG rdata must not be compressed, RFC 4034 §3.1.7, RFC 8945).</summary>
    public DnsName ReadName(bool allowCompression)
    {
        Span<byte> wire = stackalloc byte[DnsName.MaxLength];
        int length = 0, hops = 0;
        int segmentStart = _position;
        int cursor = _position;
        int limit = _end;
        bool jumped = false;
        while (true)
        {
            if (cursor >= limit)
                DnsFormatException.Throw($"A name starting at offset {_position} runs past the end of the data.");
            byte b = _message[cursor];
            switch (b & 0xC0)
            {
                case 0xC0:
                    if (!allowCompression)
                        DnsFormatException.Throw($"A compression pointer at offset {cursor} is not allowed in this name.");
                    if (cursor + 1 >= limit)
                        DnsFormatException.Throw($"The compression pointer at offset {cursor} is cut off.");
                    int target = ((b & 0x3F) << 8) | _message[cursor + 1];
                    if (target >= segmentStart)
                        DnsFormatException.Throw($"The compression pointer at offset {cursor} points to {target}, not before {segmentStart}.");
                    if (++hops > MaxPointerHops)
                        DnsFormatException.Throw($"A name starting at offset {_position} follows more than {MaxPointerHops} pointers.");
                    if (!jumped)
                    {
                        _position = cursor + 2;
                        jumped = true;
                    }
                    segmentStart = cursor = target;
                    limit = _message.Length;
                    continue;
                case 0x40:
                case 0x80:
                    DnsFormatException.Throw($"The label at offset {cursor} has the reserved type 0x{b & 0xC0:X2}.");
                    break;
            }
            if (length + b + 1 > DnsName.MaxLength)
                DnsFormatException.Throw($"A name starting at offset {_position} is longer than 255 octets.");
            if (cursor + 1 + b > limit)
                DnsFormatException.Throw($"The label at offset {cursor} runs past the end of the data.");
            _message.Slice(cursor, b + 1).CopyTo(wire[length..]);
            length += b + 1;
            cursor += b + 1;
            if (b == 0)
                break;
        }
        if (!jumped)
            _position = cursor;
        return length == 1 ? DnsName.Root : new DnsName(wire[..length].ToArray());
    }

    private readonly void Need(int count, string what)
    {
        if (count < 0 || count > _end - _position)
            DnsFormatException.Throw($"Expected {what} at offset {_position} but only {_end - _position} bytes remain.");
    }
}
