using System.Net;
using Islet.Dns.Server;
using Islet.Dns.Transfer.Internal;
using Islet.Dns.Wire;
using Islet.Dns.Zone;
using DnsZone = Islet.Dns.Zone.Zone;

namespace Islet.Dns.Transfer;

/// <summary>
/// The sans-IO core of outgoing zone transfers: decides how to answer an AXFR (RFC 5936) or IXFR
/// (RFC 1995) query for a zone and returns a <see cref="ZoneTransferResponse"/> that writes the
/// messages. The checks, in order: EDNS version above 0 gets BADVERS (RFC 6891 §6.1.3); a question
/// other than the zone's apex in class IN gets NOTAUTH (RFC 5936 §2.2.1: this server is not
/// authoritative for what was asked); a client outside <see cref="Policy"/> gets REFUSED; AXFR over
/// UDP gets FORMERR (RFC 5936 §4.2 leaves AXFR over UDP undefined; BIND answers it the same way);
/// an IXFR without the client's SOA for the zone in its authority section gets FORMERR (RFC 1995 §3).
/// Then an IXFR whose serial equals or is greater than ours (RFC 1982) gets the current SOA alone; one
/// the journal can bridge gets the incremental format; any other gets the whole zone. Keeps no state
/// between queries.
/// </summary>
public sealed class ZoneTransferResponder
{
    private const byte FormErr = 1;
    private const byte Refused = 5;
    private const byte NotAuth = 9;
    private const byte BadVers = 16;

    /// <summary>Answers transfer queries from clients <paramref name="policy"/> allows.</summary>
    public ZoneTransferResponder(TransferPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        Policy = policy;
    }

    /// <summary>Which clients may transfer.</summary>
    public TransferPolicy Policy { get; }

    /// <summary>Whether <paramref name="query"/> is a transfer query this type answers: a query
    /// (QR clear, OPCODE 0) with exactly one question of type AXFR or IXFR.</summary>
    public static bool IsTransferQuery(DnsMessage query)
    {
        ArgumentNullException.ThrowIfNull(query);
        return !query.Header.IsResponse && query.Header.Opcode == 0 && query.Questions.Count == 1
            && query.Questions[0].Type is DnsType.AXFR or DnsType.IXFR;
    }

    /// <summary>Answers <paramref name="query"/> for <paramref name="zone"/>, with IXFR served from
    /// <paramref name="journal"/> when it holds a chain from the client's serial to the zone's
    /// (a null journal means every IXFR gets the whole zone). <paramref name="client"/> is the
    /// query's source address, checked against <see cref="Policy"/>.</summary>
    /// <exception cref="ArgumentException"><paramref name="query"/> is not a transfer query (see
    /// <see cref="IsTransferQuery"/>), or the journal is for another zone.</exception>
    public ZoneTransferResponse Respond(DnsMessage query, DnsZone zone, ZoneJournal? journal, TransferTransport transport, IPAddress client)
    {
        ArgumentNullException.ThrowIfNull(zone);
        ArgumentNullException.ThrowIfNull(client);
        if (!IsTransferQuery(query))
            throw new ArgumentException("The message is not an AXFR or IXFR query.", nameof(query));
        if (journal is not null && journal.Origin != zone.Origin)
            throw new ArgumentException("The journal is for another zone.", nameof(journal));
        DnsQuestion question = query.Questions[0];
        bool udp = transport == TransferTransport.Udp;
        int udpLimit = !udp ? 0
            : query.Edns is { } e ? Math.Clamp((int)e.UdpPayloadSize, 512, AuthoritativeAnswerer.EdnsPayloadSize) : 512;
        var header = new DnsHeader
        {
            Id = query.Header.Id,
            IsResponse = true,
            RecursionDesired = query.Header.RecursionDesired,
            CheckingDisabled = query.Header.CheckingDisabled,
        };
        DnsEdns? edns = query.Edns is null ? null : new DnsEdns { UdpPayloadSize = AuthoritativeAnswerer.EdnsPayloadSize };
        if (query.Edns is { Version: > 0 })
            return Error(header, null, new DnsEdns { UdpPayloadSize = AuthoritativeAnswerer.EdnsPayloadSize, ExtendedRcode = BadVers >> 4 }, BadVers, zone, udpLimit);
        if (question.Class != DnsClass.Internet || question.Name != zone.Origin)
            return Error(header, question, edns, NotAuth, zone, udpLimit);
        if (!Policy.IsAllowed(client))
            return Error(header, question, edns, Refused, zone, udpLimit);
        if (question.Type == DnsType.AXFR && udp)
            return Error(header, question, edns, FormErr, zone, udpLimit);
        header = header with { IsAuthoritative = true };
        if (question.Type == DnsType.AXFR)
            return new ZoneTransferResponse(ZoneTransferKind.Full, 0, header, question, edns, zone.Soa, Full(zone), udpLimit);
        DnsRecord? clientSoa = null;
        foreach (DnsRecord record in query.Authority)
        {
            if (record.Data is SoaRecordData && record.Name == zone.Origin)
                clientSoa = record;
        }
        if (clientSoa is null)
            return Error(header with { IsAuthoritative = false }, question, edns, FormErr, zone, udpLimit);
        uint theirs = ((SoaRecordData)clientSoa.Data).Serial;
        uint ours = ((SoaRecordData)zone.Soa.Data).Serial;
        if (SerialNumber.IsAtLeast(theirs, ours))
            return new ZoneTransferResponse(ZoneTransferKind.SoaOnly, 0, header, question, edns, zone.Soa, [zone.Soa], udpLimit);
        if (journal is not null && journal.TryGetChain(theirs, ours, out IReadOnlyList<ZoneDiff> chain))
            return new ZoneTransferResponse(ZoneTransferKind.Incremental, 0, header, question, edns, zone.Soa, Incremental(zone.Soa, chain), udpLimit);
        return new ZoneTransferResponse(ZoneTransferKind.Full, 0, header, question, edns, zone.Soa, Full(zone), udpLimit);
    }

    private static ZoneTransferResponse Error(DnsHeader header, DnsQuestion? question, DnsEdns? edns, byte rcode, DnsZone zone, int udpLimit) =>
        new(ZoneTransferKind.Error, rcode, header with { Rcode = (byte)(rcode & 0xF) }, question, edns, zone.Soa, [], udpLimit);

    /// <summary>The AXFR sequence: <see cref="DnsZone.Records"/> starts with the SOA; the SOA ends it.</summary>
    private static IEnumerable<DnsRecord> Full(DnsZone zone)
    {
        foreach (DnsRecord record in zone.Records)
            yield return record;
        yield return zone.Soa;
    }

    private static IEnumerable<DnsRecord> Incremental(DnsRecord soa, IReadOnlyList<ZoneDiff> chain)
    {
        yield return soa;
        foreach (ZoneDiff diff in chain)
        {
            yield return diff.OldSoa;
            foreach (DnsRecord record in diff.Deleted)
                yield return record;
            yield return diff.NewSoa;
            foreach (DnsRecord record in diff.Added)
                yield return record;
        }
        yield return soa;
    }
}
