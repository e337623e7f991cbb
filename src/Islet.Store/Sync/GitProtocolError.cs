namespace Islet.Store.Sync;

/// <summary>Why a conversation with a Git remote (or a Git client) failed.</summary>
public enum GitProtocolError
{
    /// <summary>A pkt-line length was not four hex digits, was reserved, or was too long.</summary>
    MalformedPktLine,

    /// <summary>The connection or body ended before the protocol allowed.</summary>
    UnexpectedEnd,

    /// <summary>A line did not have the form the protocol requires at that point (a bad ref advertisement, command, want or status).</summary>
    UnexpectedLine,

    /// <summary>The remote reported an error (an <c>ERR</c> line, or side-band channel 3).</summary>
    RemoteError,

    /// <summary>The pack the remote sent is malformed, or does not hold what it must.</summary>
    BadPack,

    /// <summary>A push was refused: not a fast-forward, the ref changed meanwhile, or the remote rejected it.</summary>
    Rejected,

    /// <summary>The remote needs a capability or protocol this implementation does not speak.</summary>
    Unsupported,

    /// <summary>The HTTP exchange failed (status, content type, redirect).</summary>
    Http,

    /// <summary>A limit was exceeded (lines, refs, pack size).</summary>
    LimitExceeded,
}
