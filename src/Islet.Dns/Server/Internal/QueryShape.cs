using System.Buffers.Binary;
using Islet.Dns.Wire;

namespace Islet.Dns.Server.Internal;

/// <summary>Cheap structural checks on a query's bytes, made before or without parsing it.</summary>
internal static class QueryShape
{
    /// <summary>
    /// True when the response to <paramref name="query"/> depends only on its bytes and the
    /// zones: a QUERY (opcode 0) with one question of a type other than AXFR and IXFR, nothing
    /// in answer and authority, and at most one additional record, which is an OPT (so no TSIG,
    /// whose MAC depends on the time). False for anything malformed.
    /// </summary>
    public static bool IsPlainQuery(ReadOnlySpan<byte> query)
    {
        if (query.Length < DnsHeader.Length || ((query[2] >> 3) & 0xF) != 0)
            return false;
        if (BinaryPrimitives.ReadUInt16BigEndian(query[4..]) != 1 || BinaryPrimitives.ReadUInt16BigEndian(query[6..]) != 0
            || BinaryPrimitives.ReadUInt16BigEndian(query[8..]) != 0)
            return false;
        int additional = BinaryPrimitives.ReadUInt16BigEndian(query[10..]);
        if (additional > 1)
            return false;
        try
        {
            var reader = new DnsMessageReader(query);
            reader.ReadHeader();
            DnsQuestion question = reader.ReadQuestion();
            if (question.Type is DnsType.AXFR or DnsType.IXFR)
                return false;
            if (additional == 0)
                return true;
            reader.ReadName();
            return reader.ReadUInt16() == (ushort)DnsType.OPT;
        }
        catch (DnsFormatException)
        {
            return false;
        }
    }

    /// <summary>
    /// The type of the first question in <paramref name="message"/>, read from the bytes without
    /// parsing or allocating (the name's labels are skipped; a compression pointer or a name
    /// running past the end gives null), or null when there is no whole question.
    /// </summary>
    public static DnsType? FirstQuestionType(ReadOnlySpan<byte> message)
    {
        if (message.Length < DnsHeader.Length || BinaryPrimitives.ReadUInt16BigEndian(message[4..]) == 0)
            return null;
        int position = DnsHeader.Length;
        while (position < message.Length)
        {
            byte label = message[position];
            if (label == 0)
            {
                position++;
                return position + 4 <= message.Length ? (DnsType)BinaryPrimitives.ReadUInt16BigEndian(message[position..]) : null;
            }
            if (label > 63)
                return null;
            position += 1 + label;
        }
        return null;
    }
}
