namespace Islet.Store.Sync;

/// <summary>What a pkt-line is (gitprotocol-common "pkt-line Format", gitprotocol-v2 for the special packets).</summary>
public enum PktLineKind : byte
{
    /// <summary>A data line: a four-hex-digit length (counting itself) and a payload of one byte or more.</summary>
    Data,

    /// <summary><c>0000</c>: the end of a section or a message.</summary>
    Flush,

    /// <summary><c>0001</c> (protocol v2): separates sections of one message.</summary>
    Delimiter,

    /// <summary><c>0002</c> (protocol v2): the end of a stateless response.</summary>
    ResponseEnd,
}
