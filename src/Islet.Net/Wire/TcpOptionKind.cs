namespace Islet.Net.Wire;

/// <summary>TCP option kinds (IANA "TCP Option Kind Numbers").</summary>
public enum TcpOptionKind : byte
{
    /// <summary>End of option list (RFC 9293).</summary>
    EndOfList = 0,
    /// <summary>No-operation (RFC 9293).</summary>
    NoOperation = 1,
    /// <summary>Maximum segment size, length 4 (RFC 9293 §3.7.1).</summary>
    MaxSegmentSize = 2,
    /// <summary>Window scale, length 3 (RFC 7323 §2).</summary>
    WindowScale = 3,
    /// <summary>SACK permitted, length 2 (RFC 2018 §2).</summary>
    SackPermitted = 4,
    /// <summary>SACK blocks, length 2 + 8n (RFC 2018 §3).</summary>
    Sack = 5,
    /// <summary>Timestamps, length 10 (RFC 7323 §3).</summary>
    Timestamps = 8,
}
