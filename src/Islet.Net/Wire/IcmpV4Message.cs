namespace Islet.Net.Wire;

/// <summary>The ICMPv4 message types this stack interprets (RFC 792).</summary>
public enum IcmpV4Message : byte
{
    /// <summary>Echo reply (type 0).</summary>
    EchoReply = 0,
    /// <summary>Destination unreachable (type 3).</summary>
    DestinationUnreachable = 3,
    /// <summary>Echo request (type 8).</summary>
    EchoRequest = 8,
}
