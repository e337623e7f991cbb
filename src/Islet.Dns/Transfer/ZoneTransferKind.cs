namespace Islet.Dns.Transfer;

/// <summary>What a <see cref="ZoneTransferResponse"/> sends.</summary>
public enum ZoneTransferKind
{
    /// <summary>One message with an error RCODE and no records (see <see cref="ZoneTransferResponse.Rcode"/>).</summary>
    Error,
    /// <summary>One message whose answer is the current SOA alone: the client is up to date, or (IXFR
    /// over UDP) the transfer does not fit a datagram and the client should retry over TCP (RFC 1995 §2).</summary>
    SoaOnly,
    /// <summary>The RFC 1995 §4 incremental format: the current SOA, then for each change the old SOA,
    /// the deleted records, the new SOA and the added records, then the current SOA again.</summary>
    Incremental,
    /// <summary>The whole zone, SOA first and last (RFC 5936 §2.2), for AXFR or an IXFR the journal
    /// cannot serve.</summary>
    Full,
}
