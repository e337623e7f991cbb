namespace Islet.Http.Parsing;

/// <summary>The outcome of one step of <see cref="ChunkedBodyDecoder.Decode"/>.</summary>
public enum HttpBodyStatus
{
    /// <summary>A slice of body bytes is available; call again.</summary>
    Data,
    /// <summary>All input is consumed and the body is not finished.</summary>
    NeedMoreData,
    /// <summary>The body and its trailers have ended.</summary>
    Complete,
    /// <summary>The framing is malformed or over a limit.</summary>
    Error,
}
