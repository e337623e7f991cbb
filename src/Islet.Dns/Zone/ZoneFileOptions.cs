namespace Islet.Dns.Zone;

/// <summary>Settings for <see cref="ZoneFileReader"/>.</summary>
public sealed class ZoneFileOptions
{
    /// <summary>
    /// The origin at the start of the text (absolute, ending in <c>.</c>), as if the text began
    /// with <c>$ORIGIN</c>; null for none, when relative names and <c>@</c> are errors until a
    /// <c>$ORIGIN</c> line.
    /// </summary>
    public string? Origin { get; init; }

    /// <summary>The TTL at the start of the text, as if it began with <c>$TTL</c>; null for none.</summary>
    public uint? DefaultTtl { get; init; }

    /// <summary>
    /// Whether <c>$INCLUDE</c> is honoured. False by default: sealed images have no filesystem, so a
    /// <c>$INCLUDE</c> line is a <see cref="ZoneFileException"/>.
    /// </summary>
    public bool AllowInclude { get; init; }

    /// <summary>
    /// Opens the file named by <c>$INCLUDE</c> when <see cref="AllowInclude"/> is set. The reader
    /// reads the returned reader to its end and disposes it. An exception from the resolver, or a
    /// null result, is reported as a <see cref="ZoneFileException"/> on the <c>$INCLUDE</c> line.
    /// </summary>
    public Func<string, TextReader>? IncludeResolver { get; init; }

    /// <summary>How deeply <c>$INCLUDE</c> may nest (a file including itself stops here). Default 8.</summary>
    public int MaxIncludeDepth { get; init; } = 8;
}
