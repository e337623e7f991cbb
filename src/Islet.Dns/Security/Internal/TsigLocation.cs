using System.Buffers.Binary;
using Islet.Dns.Wire;

namespace Islet.Dns.Security.Internal;

/// <summary>Where a message's TSIG record is: the offset it starts at and its parsed fields.</summary>
internal sealed class TsigLocation
{
    private TsigLocation(int recordStart, ushort additionalCount, DnsName keyName, TsigRecordData data)
    {
        RecordStart = recordStart;
        AdditionalCountWithout = additionalCount;
        KeyName = keyName;
        Data = data;
    }

    /// <summary>The offset of the TSIG record; the message without it is the bytes before.</summary>
    public int RecordStart { get; }

    /// <summary>ARCOUNT with the TSIG record not counted.</summary>
    public ushort AdditionalCountWithout { get; }

    /// <summary>The TSIG record's owner, the key name.</summary>
    public DnsName KeyName { get; }

    /// <summary>The TSIG rdata.</summary>
    public TsigRecordData Data { get; }

    /// <summary>Walks the whole message. Returns <see cref="TsigStatus.Unsigned"/> (null location)
    /// without a TSIG, <see cref="TsigStatus.FormErr"/> for a malformed message or a misplaced or
    /// ill-formed TSIG (RFC 8945 §5.1, §4.2), and <see cref="TsigStatus.Valid"/> meaning "found".</summary>
    public static TsigStatus Find(ReadOnlySpan<byte> message, out TsigLocation? location)
    {
        location = null;
        try
        {
            var reader = new DnsMessageReader(message);
            DnsHeader header = reader.ReadHeader();
            for (int i = 0; i < header.QuestionCount; i++)
                reader.ReadQuestion();
            int records = header.AnswerCount + header.AuthorityCount + header.AdditionalCount;
            for (int i = 0; i < records; i++)
            {
                int start = reader.Position;
                DnsRecord record = reader.ReadRecord();
                if (record.Data is not TsigRecordData tsig)
                    continue;
                if (i != records - 1 || header.AdditionalCount == 0)
                    return TsigStatus.FormErr;
                if (record.Class != DnsClass.Any || record.Ttl != 0)
                    return TsigStatus.FormErr;
                location = new TsigLocation(start, (ushort)(header.AdditionalCount - 1), record.Name, tsig);
                return TsigStatus.Valid;
            }
            return TsigStatus.Unsigned;
        }
        catch (DnsFormatException)
        {
            return TsigStatus.FormErr;
        }
    }

    /// <summary>The message's ID field.</summary>
    public static ushort IdOf(ReadOnlySpan<byte> message) => BinaryPrimitives.ReadUInt16BigEndian(message);
}
