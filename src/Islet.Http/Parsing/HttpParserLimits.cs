namespace Islet.Http.Parsing;

/// <summary>The size limits a <see cref="HttpRequestReader"/> enforces on a request head.</summary>
/// <param name="MaxRequestLineLength">Longest request line in bytes, CRLF included; longer is <see cref="HttpParseError.UriTooLong"/>.</param>
/// <param name="MaxHeaderCount">Most header fields; more is <see cref="HttpParseError.HeadersTooLarge"/>.</param>
/// <param name="MaxHeaderBytes">Most bytes in all header lines together, CRLFs and the final empty line included; more is <see cref="HttpParseError.HeadersTooLarge"/>.</param>
public readonly record struct HttpParserLimits(int MaxRequestLineLength, int MaxHeaderCount, int MaxHeaderBytes)
{
    /// <summary>8 KiB request line, 100 fields, 32 KiB of header lines.</summary>
    public static HttpParserLimits Default => new(8 * 1024, 100, 32 * 1024);
}
