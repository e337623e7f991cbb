using Islet.Http.Parsing;

namespace Islet.Http;

/// <summary>Limits and timeouts of an <see cref="HttpServer"/> and its connections.</summary>
/// <remarks>
/// Over a limit the server answers 413, 414 or 431 and closes the connection; a request head
/// that does not arrive within <see cref="RequestHeadTimeout"/> gets 408. Time is the event
/// loop's, so tests with virtual time need no sleeps.
/// </remarks>
public sealed record HttpServerOptions
{
    /// <summary>Longest request line, CRLF included. Default 8 KiB (longer: 414).</summary>
    public int MaxRequestLineLength { get; init; } = 8 * 1024;

    /// <summary>Most header fields in a request. Default 100 (more: 431).</summary>
    public int MaxHeaderCount { get; init; } = 100;

    /// <summary>Most bytes of header lines in a request. Default 32 KiB (more: 431).</summary>
    public int MaxHeaderBytes { get; init; } = 32 * 1024;

    /// <summary>Largest request body. Default 1 MiB (larger: 413).</summary>
    public long MaxRequestBodySize { get; init; } = 1024 * 1024;

    /// <summary>How long an idle connection waits for the next request, and how long a body may stall. Default 10 s.</summary>
    public TimeSpan KeepAliveTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How long a request head may take from its first byte to its empty line. Default 10 s (then 408).</summary>
    public TimeSpan RequestHeadTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>The defaults.</summary>
    public static HttpServerOptions Default { get; } = new();

    /// <summary>The head limits as the parser takes them.</summary>
    public HttpParserLimits ParserLimits => new(MaxRequestLineLength, MaxHeaderCount, MaxHeaderBytes);
}
