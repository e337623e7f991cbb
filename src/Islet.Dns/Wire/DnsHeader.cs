namespace Islet.Dns.Wire;

/// <summary>The DNS message header (RFC 1035 §4.1.1, with AD and CD from RFC 4035 §3.2). The counts
/// are what a parsed message declared; the writer ignores them and counts the sections itself.</summary>
public readonly record struct DnsHeader
{
    /// <summary>The length of the header in wire format.</summary>
    public const int Length = 12;

    /// <summary>The query identifier, copied into the response.</summary>
    public ushort Id { get; init; }
    /// <summary>QR: the message is a response.</summary>
    public bool IsResponse { get; init; }
    /// <summary>The 4-bit OPCODE (0 query, 4 notify, 5 update).</summary>
    public byte Opcode { get; init; }
    /// <summary>AA: the answer is authoritative.</summary>
    public bool IsAuthoritative { get; init; }
    /// <summary>TC: the message was truncated.</summary>
    public bool IsTruncated { get; init; }
    /// <summary>RD: recursion desired.</summary>
    public bool RecursionDesired { get; init; }
    /// <summary>RA: recursion available.</summary>
    public bool RecursionAvailable { get; init; }
    /// <summary>AD: authentic data (RFC 4035).</summary>
    public bool AuthenticData { get; init; }
    /// <summary>CD: checking disabled (RFC 4035).</summary>
    public bool CheckingDisabled { get; init; }
    /// <summary>The low 4 bits of the response code (the high bits travel in EDNS).</summary>
    public byte Rcode { get; init; }
    /// <summary>QDCOUNT as read.</summary>
    public ushort QuestionCount { get; init; }
    /// <summary>ANCOUNT as read.</summary>
    public ushort AnswerCount { get; init; }
    /// <summary>NSCOUNT as read.</summary>
    public ushort AuthorityCount { get; init; }
    /// <summary>ARCOUNT as read.</summary>
    public ushort AdditionalCount { get; init; }

    /// <summary>The second 16-bit word of the header: the flags, opcode and rcode (the Z bit is zero).</summary>
    public ushort Flags =>
        (ushort)((IsResponse ? 0x8000 : 0) | ((Opcode & 0xF) << 11) | (IsAuthoritative ? 0x0400 : 0)
        | (IsTruncated ? 0x0200 : 0) | (RecursionDesired ? 0x0100 : 0) | (RecursionAvailable ? 0x0080 : 0)
        | (AuthenticData ? 0x0020 : 0) | (CheckingDisabled ? 0x0010 : 0) | (Rcode & 0xF));

    internal static DnsHeader FromWire(ushort id, ushort flags, ushort qd, ushort an, ushort ns, ushort ar) => new()
    {
        Id = id,
        IsResponse = (flags & 0x8000) != 0,
        Opcode = (byte)((flags >> 11) & 0xF),
        IsAuthoritative = (flags & 0x0400) != 0,
        IsTruncated = (flags & 0x0200) != 0,
        RecursionDesired = (flags & 0x0100) != 0,
        RecursionAvailable = (flags & 0x0080) != 0,
        AuthenticData = (flags & 0x0020) != 0,
        CheckingDisabled = (flags & 0x0010) != 0,
        Rcode = (byte)(flags & 0xF),
        QuestionCount = qd,
        AnswerCount = an,
        AuthorityCount = ns,
        AdditionalCount = ar,
    };
}
