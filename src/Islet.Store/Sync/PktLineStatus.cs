namespace Islet.Store.Sync;

/// <summary>The outcome of <see cref="PktLine.TryRead"/>.</summary>
public enum PktLineStatus : byte
{
    /// <summary>A whole pkt-line was read.</summary>
    Done,

    /// <summary>The buffer ends inside the length or the payload; read more and call again with everything unconsumed.</summary>
    NeedMoreData,

    /// <summary>The length is not four hex digits, is 3 (reserved), or exceeds <see cref="PktLine.MaxLength"/>: the stream cannot be trusted further.</summary>
    Malformed,
}
