using Islet.Dns.Wire;

namespace Islet.Dns.Transfer;

/// <summary>
/// The messages that answer one zone transfer query, produced one at a time into buffers the caller
/// owns (the RFC 5936 §2.2 layout): every message has the query's id, QR and AA set and as many
/// answer records as fit; only the first carries the question; an OPT record is in every message
/// when the query had one. Records are never split, but an RRset may span messages, as AXFR allows.
/// Get one from <see cref="ZoneTransferResponder.Respond"/>, then call <see cref="TryWriteNext"/>
/// until it returns false, sending each message (over TCP with its 2-byte length prefix). The
/// response reads the immutable zone and the diffs it was given, so it stays valid while the zone's
/// owner moves on to newer versions. Not thread-safe.
/// </summary>
public sealed class ZoneTransferResponse
{
    private readonly DnsHeader _header;
    private readonly DnsQuestion? _question;
    private readonly DnsEdns? _edns;
    private readonly DnsRecord _soa;
    private readonly int _udpLimit;
    private IEnumerator<DnsRecord> _records;
    private DnsRecord? _pending;
    private bool _started;
    private int _trailerReserve;

    internal ZoneTransferResponse(ZoneTransferKind kind, byte rcode, DnsHeader header, DnsQuestion? question, DnsEdns? edns,
        DnsRecord soa, IEnumerable<DnsRecord> records, int udpLimit)
    {
        Kind = kind;
        Rcode = rcode;
        _header = header;
        _question = question;
        _edns = edns;
        _soa = soa;
        _records = records.GetEnumerator();
        _udpLimit = udpLimit;
    }

    /// <summary>What the response sends. For IXFR over UDP this becomes <see cref="ZoneTransferKind.SoaOnly"/>
    /// when the first (and only) message is written and the records do not fit the datagram.</summary>
    public ZoneTransferKind Kind { get; private set; }

    /// <summary>The response code: 0, or the error of a <see cref="ZoneTransferKind.Error"/> response
    /// (1 FORMERR, 5 REFUSED, 9 NOTAUTH, 16 BADVERS).</summary>
    public byte Rcode { get; }

    /// <summary>True when the query came over UDP: the response is a single message of at most
    /// <see cref="MaxUdpSize"/> bytes.</summary>
    public bool IsUdp => _udpLimit > 0;

    /// <summary>The size limit of the UDP message (0 over TCP): 512, or the client's EDNS payload size
    /// capped at <see cref="Server.AuthoritativeAnswerer.EdnsPayloadSize"/>.</summary>
    public int MaxUdpSize => _udpLimit;

    /// <summary>Bytes left free at the end of every message for a record the caller appends after
    /// writing it, such as the TSIG record that signs each message of a transfer (RFC 8945 §5.3.1);
    /// the caller then also raises ARCOUNT. 0 by default; set it before the first message.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is negative or above 4096.</exception>
    public int TrailerReserve
    {
        get => _trailerReserve;
        set
        {
            ArgumentOutOfRangeException.ThrowIfNegative(value);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(value, 4096);
            _trailerReserve = value;
        }
    }

    /// <summary>True when every message has been written.</summary>
    public bool IsComplete { get; private set; }

    /// <summary>The number of messages written so far.</summary>
    public int MessageCount { get; private set; }

    /// <summary>Writes the next message into <paramref name="destination"/> (at most 65535 bytes of it
    /// are used; over UDP at most <see cref="MaxUdpSize"/>) and returns true, or returns false with
    /// <paramref name="length"/> 0 when the response is complete.</summary>
    /// <exception cref="ArgumentException"><paramref name="destination"/> cannot hold the header, the
    /// question and one record over TCP (a 65535-byte buffer can, unless a single record is itself
    /// nearly 64 KiB). Over UDP there is always exactly one message: records that do not fit the
    /// datagram turn the response into the current SOA alone instead.</exception>
    public bool TryWriteNext(Span<byte> destination, out int length)
    {
        length = 0;
        if (IsComplete)
            return false;
        int limit = Math.Min(destination.Length, ushort.MaxValue);
        if (IsUdp)
            limit = Math.Min(limit, _udpLimit);
        limit -= _trailerReserve;
        if (limit < DnsHeader.Length)
            throw new ArgumentException("The destination cannot hold a header and the trailer reserve.", nameof(destination));
        length = Pack(destination[..limit], out bool exhausted);
        if (IsUdp && !exhausted)
        {
            // RFC 1995 §2: an IXFR reply too large for the datagram becomes the current SOA alone.
            Kind = ZoneTransferKind.SoaOnly;
            _records = ((IEnumerable<DnsRecord>)[_soa]).GetEnumerator();
            _pending = null;
            _started = false;
            length = Pack(destination[..limit], out exhausted);
        }
        MessageCount++;
        IsComplete = exhausted || IsUdp;
        return true;
    }

    private int Pack(Span<byte> destination, out bool exhausted)
    {
        int reserve = _edns?.WireLength ?? 0;
        if (destination.Length < DnsHeader.Length + reserve)
            throw new ArgumentException("The destination cannot hold a header and the OPT record.", nameof(destination));
        var writer = new DnsMessageWriter(destination);
        writer.BeginBody(reserve);
        int questions = 0;
        if (!_started && _question is not null)
        {
            if (!writer.TryWriteQuestion(_question))
                throw new ArgumentException("The destination cannot hold the question.", nameof(destination));
            questions = 1;
        }
        _started = true;
        int answers = 0;
        exhausted = false;
        while (true)
        {
            DnsRecord? record = _pending;
            _pending = null;
            if (record is null)
            {
                if (!_records.MoveNext())
                {
                    exhausted = true;
                    break;
                }
                record = _records.Current;
            }
            if (answers == ushort.MaxValue || !writer.TryWriteRecord(record))
            {
                _pending = record;
                break;
            }
            answers++;
        }
        if (answers == 0 && !exhausted && !IsUdp)
            throw new ArgumentException($"The destination cannot hold the record {_pending}.", nameof(destination));
        writer.ReleaseReserve();
        int additional = 0;
        if (_edns is not null && writer.TryWriteOpt(_edns))
            additional = 1;
        DnsMessageWriter.WriteHeader(destination, _header, questions, answers, 0, additional);
        return writer.Length;
    }
}
