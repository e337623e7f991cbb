using System.Buffers.Binary;
using Islet.Dns.Server.Internal;
using Islet.Dns.Wire;
using DnsZone = Islet.Dns.Zone.Zone;

namespace Islet.Dns.Server;

/// <summary>
/// The sans-IO core of an authoritative name server: answers queries from loaded zones by the
/// algorithm of RFC 1034 §4.3.2. Exact matches are answered with AA set; a CNAME is included and
/// followed inside the same zone (at most <see cref="MaxCnameChain"/> links, loops stop there);
/// wildcards are synthesised per RFC 4592 from the closest encloser's <c>*</c> child, never for a
/// name that exists (empty non-terminals included) or lies below a zone cut; a name at or below a
/// zone cut gets a referral (AA clear, the NS RRset in authority, glue in additional); a missing
/// name gets NXDOMAIN and a missing type NODATA, both with the SOA in authority at
/// min(SOA TTL, SOA minimum) (RFC 2308 §3). A name in no zone is REFUSED, an opcode other than
/// QUERY is NOTIMP, and a QDCOUNT other than 1 is FORMERR. An ANY query is answered with every
/// RRset at the name (the RFC 1034 behaviour, not the single RRset RFC 8482 permits). MX, SRV and
/// NS targets in the zone get their A and AAAA RRsets in additional. A query with EDNS gets an OPT
/// record (payload 1232, version 0) and BADVERS when its version is above 0. The answerer never
/// reads a clock or a socket and keeps no state between queries, so one instance may serve many
/// threads.
/// </summary>
public sealed class AuthoritativeAnswerer
{
    /// <summary>The most CNAME links followed for one query.</summary>
    public const int MaxCnameChain = 8;

    /// <summary>The EDNS UDP payload size this server advertises and caps responses at (the DNS flag day 2020 value).</summary>
    public const ushort EdnsPayloadSize = 1232;

    private readonly AuthoritativeZone[] _zones;

    /// <summary>Serves <paramref name="zones"/>; a query goes to the zone with the longest origin
    /// containing its name.</summary>
    /// <exception cref="ArgumentException">No zone is given, or two have the same origin.</exception>
    public AuthoritativeAnswerer(params IEnumerable<DnsZone> zones)
    {
        ArgumentNullException.ThrowIfNull(zones);
        _zones = [.. zones.Select(z => new AuthoritativeZone(z ?? throw new ArgumentException("A zone is null.", nameof(zones))))];
        if (_zones.Length == 0)
            throw new ArgumentException("At least one zone is needed.", nameof(zones));
        if (_zones.Select(z => z.Zone.Origin).Distinct().Count() != _zones.Length)
            throw new ArgumentException("Two zones have the same origin.", nameof(zones));
    }

    /// <summary>Builds the response to <paramref name="query"/>. The id, opcode, RD and (for a
    /// well-formed query) the question are copied; RA is never set.</summary>
    public DnsMessage Answer(DnsMessage query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var header = new DnsHeader
        {
            Id = query.Header.Id,
            IsResponse = true,
            Opcode = query.Header.Opcode,
            RecursionDesired = query.Header.RecursionDesired,
            CheckingDisabled = query.Header.CheckingDisabled,
        };
        if (query.Edns is { Version: > 0 })
            return Error(header, [], DnsRcode.BadVers, edns: true);
        bool edns = query.Edns is not null;
        if (query.Header.Opcode != 0)
            return Error(header, query.Questions.Count == 1 ? query.Questions : [], DnsRcode.NotImp, edns);
        if (query.Questions.Count != 1)
            return Error(header, [], DnsRcode.FormErr, edns);
        DnsQuestion question = query.Questions[0];
        AuthoritativeZone? zone = FindZone(question.Name);
        if (zone is null || question.Class != DnsClass.Internet || question.Type is DnsType.OPT)
            return Error(header, query.Questions, DnsRcode.Refused, edns);
        var lookup = new AuthoritativeLookup(zone, question.Type, MaxCnameChain);
        lookup.Run(question.Name);
        return new DnsMessage
        {
            Header = header with { IsAuthoritative = lookup.Authoritative, Rcode = (byte)lookup.Rcode },
            Questions = query.Questions,
            Answers = lookup.Answers,
            Authority = lookup.Authority,
            Additional = lookup.Additional,
            Edns = edns ? new DnsEdns { UdpPayloadSize = EdnsPayloadSize } : null,
        };
    }

    /// <summary>Parses <paramref name="query"/>, answers it and writes the response into
    /// <paramref name="response"/>, truncating (TC) to the smallest of <paramref name="maxSize"/>, the
    /// buffer, and 512 bytes without EDNS or min(the client's payload size, 1232) with it. A message
    /// that cannot be parsed but has a whole 12-byte header gets FORMERR with its id. Nothing is
    /// written (false) for a message shorter than a header, for a response (QR set, so two servers
    /// never answer each other), or when <paramref name="response"/> cannot hold the header and question.</summary>
    public bool TryAnswer(ReadOnlySpan<byte> query, Span<byte> response, int maxSize, out int length) =>
        TryAnswer(query, response, maxSize, DnsTransport.Udp, out length);

    /// <summary>As <see cref="TryAnswer(ReadOnlySpan{byte}, Span{byte}, int, out int)"/>, but over
    /// <see cref="DnsTransport.Tcp"/> the response is limited only by <paramref name="maxSize"/>
    /// and the buffer (at most 65,535 bytes), whatever the client's EDNS payload size.</summary>
    public bool TryAnswer(ReadOnlySpan<byte> query, Span<byte> response, int maxSize, DnsTransport transport, out int length)
    {
        length = 0;
        if (query.Length < DnsHeader.Length || (query[2] & 0x80) != 0)
            return false;
        DnsMessage parsed;
        try
        {
            parsed = DnsMessage.Parse(query);
        }
        catch (DnsFormatException)
        {
            var header = new DnsHeader
            {
                Id = BinaryPrimitives.ReadUInt16BigEndian(query),
                IsResponse = true,
                Opcode = (byte)((query[2] >> 3) & 0xF),
                RecursionDesired = (query[2] & 1) != 0,
                Rcode = DnsRcode.FormErr,
            };
            return TryWrite(new DnsMessage { Header = header }, response, Math.Min(maxSize, 512), out length);
        }
        return TryWrite(Answer(parsed), response, Math.Min(maxSize, ResponseLimit(parsed, transport)), out length);
    }

    /// <summary>The most bytes a response to <paramref name="query"/> may take on <paramref name="transport"/>:
    /// 65,535 over TCP; over UDP 512 without EDNS, else the client's payload size clamped to 512..1232.</summary>
    public static int ResponseLimit(DnsMessage query, DnsTransport transport)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (transport == DnsTransport.Tcp)
            return ushort.MaxValue;
        return query.Edns is { } edns ? Math.Clamp((int)edns.UdpPayloadSize, 512, EdnsPayloadSize) : 512;
    }

    private static bool TryWrite(DnsMessage message, Span<byte> response, int maxSize, out int length)
    {
        try
        {
            length = DnsMessageWriter.Write(message, response, maxSize);
            return true;
        }
        catch (ArgumentException)
        {
            length = 0;
            return false;
        }
    }

    private AuthoritativeZone? FindZone(DnsName name)
    {
        AuthoritativeZone? best = null;
        foreach (AuthoritativeZone zone in _zones)
        {
            if (name.IsSubdomainOf(zone.Zone.Origin) && (best is null || zone.Zone.Origin.LabelCount > best.Zone.Origin.LabelCount))
                best = zone;
        }
        return best;
    }

    private static DnsMessage Error(DnsHeader header, IReadOnlyList<DnsQuestion> questions, int rcode, bool edns) => new()
    {
        Header = header with { Rcode = (byte)(rcode & 0xF) },
        Questions = questions,
        Edns = edns ? new DnsEdns { UdpPayloadSize = EdnsPayloadSize, ExtendedRcode = (byte)(rcode >> 4) } : null,
    };
}
