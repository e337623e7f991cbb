namespace Islet.Dns.Update;

/// <summary>The response codes of a dynamic update (RFC 1035 §4.1.1, RFC 2136 §2.2).</summary>
public enum UpdateRcode
{
    /// <summary>The update was applied (or changed nothing).</summary>
    NoError = 0,
    /// <summary>The update message is malformed.</summary>
    FormErr = 1,
    /// <summary>The server failed internally.</summary>
    ServFail = 2,
    /// <summary>A "name is in use" prerequisite failed.</summary>
    NxDomain = 3,
    /// <summary>The opcode is not supported.</summary>
    NotImp = 4,
    /// <summary>Policy refused the update: unsigned when signing is required, or the result would
    /// not be a valid zone.</summary>
    Refused = 5,
    /// <summary>A "name is not in use" prerequisite failed.</summary>
    YxDomain = 6,
    /// <summary>An "RRset does not exist" prerequisite failed.</summary>
    YxRRset = 7,
    /// <summary>An "RRset exists" prerequisite (value-independent or dependent) failed.</summary>
    NxRRset = 8,
    /// <summary>The server is not authoritative for the zone named, or the TSIG did not verify.</summary>
    NotAuth = 9,
    /// <summary>A prerequisite or update name is outside the zone.</summary>
    NotZone = 10,
}
