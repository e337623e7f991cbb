namespace Islet.Net.Ipv4;

/// <summary>What the IPv4 layer has received, sent and dropped, by reason.</summary>
public sealed class Ipv4Counters
{
    /// <summary>Datagrams delivered to ICMP or a transport (after reassembly).</summary>
    public long Delivered { get; internal set; }
    /// <summary>Datagrams sent.</summary>
    public long Sent { get; internal set; }
    /// <summary>Dropped: truncated, wrong version, bad lengths.</summary>
    public long Malformed { get; internal set; }
    /// <summary>Dropped: header checksum does not verify.</summary>
    public long BadChecksum { get; internal set; }
    /// <summary>Dropped: addressed to another host, or from a broadcast/multicast source.</summary>
    public long NotForUs { get; internal set; }
    /// <summary>Dropped: TTL 0.</summary>
    public long TtlExpired { get; internal set; }
    /// <summary>Dropped: no transport for the protocol.</summary>
    public long UnknownProtocol { get; internal set; }
    /// <summary>Send refused: off-link destination and no gateway.</summary>
    public long NoRoute { get; internal set; }
    /// <summary>Send refused: larger than <c>MaxPayload</c>.</summary>
    public long TooLong { get; internal set; }
    /// <summary>Fragments received.</summary>
    public long FragmentsReceived { get; internal set; }
    /// <summary>Datagrams completed by reassembly.</summary>
    public long Reassembled { get; internal set; }
    /// <summary>Partial datagrams dropped after the reassembly timeout.</summary>
    public long ReassemblyTimeouts { get; internal set; }
    /// <summary>Partial datagrams evicted, or fragments refused, for lack of reassembly memory.</summary>
    public long ReassemblyOverflow { get; internal set; }
    /// <summary>Partial datagrams dropped for overlapping fragments that disagree, or inconsistent lengths.</summary>
    public long ReassemblyConflicts { get; internal set; }
}
