using System.Text;

namespace Islet.Dns.Wire;

/// <summary>A DNS message (RFC 1035 §4.1): header, questions and the three record sections. The
/// OPT record is not kept in <see cref="Additional"/> but surfaced as <see cref="Edns"/>.</summary>
public sealed class DnsMessage
{
    /// <summary>The header; its counts are ignored when writing.</summary>
    public DnsHeader Header { get; init; }
    /// <summary>The question section.</summary>
    public IReadOnlyList<DnsQuestion> Questions { get; init; } = [];
    /// <summary>The answer section.</summary>
    public IReadOnlyList<DnsRecord> Answers { get; init; } = [];
    /// <summary>The authority section.</summary>
    public IReadOnlyList<DnsRecord> Authority { get; init; } = [];
    /// <summary>The additional section, without the OPT record.</summary>
    public IReadOnlyList<DnsRecord> Additional { get; init; } = [];
    /// <summary>EDNS from the OPT record, or null when the message has none.</summary>
    public DnsEdns? Edns { get; init; }

    /// <summary>Parses a whole message. Bytes after the last record are ignored.</summary>
    /// <exception cref="DnsFormatException">The message is malformed, has more than one OPT record, or has
    /// a TSIG record anywhere but last in the additional section (RFC 8945 §5.1).</exception>
    public static DnsMessage Parse(ReadOnlySpan<byte> message)
    {
        var reader = new DnsMessageReader(message);
        DnsHeader header = reader.ReadHeader();
        var questions = new List<DnsQuestion>(Math.Min((int)header.QuestionCount, 4));
        for (int i = 0; i < header.QuestionCount; i++)
            questions.Add(reader.ReadQuestion());
        List<DnsRecord> answers = ReadSection(ref reader, header.AnswerCount);
        List<DnsRecord> authority = ReadSection(ref reader, header.AuthorityCount);
        List<DnsRecord> additional = ReadSection(ref reader, header.AdditionalCount);
        if (answers.Exists(r => r.Type == DnsType.TSIG) || authority.Exists(r => r.Type == DnsType.TSIG)
            || additional.FindIndex(r => r.Type == DnsType.TSIG) is >= 0 and int at && at != additional.Count - 1)
            DnsFormatException.Throw("A TSIG record is not the last record of the additional section.");
        DnsEdns? edns = null;
        for (int i = 0; i < additional.Count; i++)
        {
            if (additional[i].Type != DnsType.OPT)
                continue;
            if (edns is not null)
                DnsFormatException.Throw("The message has more than one OPT record.");
            edns = DnsEdns.FromRecord(additional[i]);
            additional.RemoveAt(i--);
        }
        return new DnsMessage
        {
            Header = header,
            Questions = questions,
            Answers = answers,
            Authority = authority,
            Additional = additional,
            Edns = edns,
        };
    }

    private static List<DnsRecord> ReadSection(ref DnsMessageReader reader, int count)
    {
        var records = new List<DnsRecord>(Math.Min(count, 16));
        for (int i = 0; i < count; i++)
            records.Add(reader.ReadRecord());
        return records;
    }

    /// <summary>The message in dig's layout: header line, then each section.</summary>
    public override string ToString()
    {
        var text = new StringBuilder();
        text.Append($";; ->>HEADER<<- opcode: {Header.Opcode}, rcode: {Header.Rcode}, id: {Header.Id}\n");
        if (Edns is not null)
            text.Append(Edns).Append('\n');
        Section(text, "QUESTION", Questions);
        Section(text, "ANSWER", Answers);
        Section(text, "AUTHORITY", Authority);
        Section(text, "ADDITIONAL", Additional);
        return text.ToString();
    }

    private static void Section<T>(StringBuilder text, string name, IReadOnlyList<T> items)
    {
        if (items.Count == 0)
            return;
        text.Append($";; {name} SECTION:\n");
        foreach (T item in items)
            text.Append(item).Append('\n');
    }
}
