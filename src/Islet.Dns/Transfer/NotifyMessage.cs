using Islet.Dns.Wire;

namespace Islet.Dns.Transfer;

/// <summary>NOTIFY messages (RFC 1996): building the one a primary sends when a zone changes, and
/// the answer a primary gives to a NOTIFY it receives.</summary>
public static class NotifyMessage
{
    /// <summary>The NOTIFY opcode (RFC 1996 §3.1).</summary>
    public const byte Opcode = 4;

    private const byte Refused = 5;

    /// <summary>The NOTIFY for the zone whose apex SOA is <paramref name="soa"/>: OPCODE 4, AA set
    /// (RFC 1996 §3.7), question (apex, SOA, IN), and the SOA in the answer section as a hint of the
    /// new serial (RFC 1996 §3.7).</summary>
    /// <exception cref="ArgumentException"><paramref name="soa"/> is not an SOA record.</exception>
    public static DnsMessage Create(DnsRecord soa, ushort id)
    {
        ArgumentNullException.ThrowIfNull(soa);
        if (soa.Data is not SoaRecordData)
            throw new ArgumentException("The record is not an SOA record.", nameof(soa));
        return new DnsMessage
        {
            Header = new DnsHeader { Id = id, Opcode = Opcode, IsAuthoritative = true },
            Questions = [new DnsQuestion(soa.Name, DnsType.SOA, soa.Class)],
            Answers = [soa],
        };
    }

    /// <summary>Whether <paramref name="message"/> is a NOTIFY request (QR clear, OPCODE 4).</summary>
    public static bool IsNotify(DnsMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return !message.Header.IsResponse && message.Header.Opcode == Opcode;
    }

    /// <summary>What this server, as the primary of its zones, answers to an incoming NOTIFY: REFUSED,
    /// with the id, opcode and question copied and AA clear. A primary has nothing to fetch, and RFC
    /// 1996 leaves acting on a NOTIFY to the secondary's policy; REFUSED (rather than NOTIMP) says the
    /// opcode is understood but not taken from this client, so the sender stops retransmitting
    /// (RFC 1996 §3.6 ends retransmission on any response).</summary>
    public static DnsMessage RespondAsPrimary(DnsMessage notify)
    {
        ArgumentNullException.ThrowIfNull(notify);
        return new DnsMessage
        {
            Header = new DnsHeader { Id = notify.Header.Id, IsResponse = true, Opcode = Opcode, Rcode = Refused },
            Questions = notify.Questions.Count == 1 ? notify.Questions : [],
            Edns = notify.Edns is null ? null : new DnsEdns { UdpPayloadSize = Server.AuthoritativeAnswerer.EdnsPayloadSize },
        };
    }
}
