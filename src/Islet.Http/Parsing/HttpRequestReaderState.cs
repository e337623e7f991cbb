namespace Islet.Http.Parsing;

/// <summary>
/// Where a <see cref="HttpRequestReader"/> stopped: a small value to keep across <c>await</c>
/// and pass to the next reader. <c>default</c> is the start of a request.
/// </summary>
public struct HttpRequestReaderState
{
    internal const byte RequestLinePhase = 0;
    internal const byte HeadersPhase = 1;
    internal const byte CompletePhase = 2;

    internal byte Phase;
    internal int HeaderCount;
    internal int HeaderBytes;

    /// <summary>True once the request line has been read.</summary>
    public readonly bool HasRequestLine => Phase != RequestLinePhase;

    /// <summary>True once the whole head has been read; reset with <c>default</c> for the next request.</summary>
    public readonly bool IsComplete => Phase == CompletePhase;

    /// <summary>Header fields read so far.</summary>
    public readonly int HeaderFieldCount => HeaderCount;
}
