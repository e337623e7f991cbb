namespace Islet.Dns.Zone;

/// <summary>
/// Malformed master-file input: the only exception <see cref="ZoneFileReader"/> throws for bad
/// text. The message has the form <c>line 12: unbalanced parenthesis</c>, prefixed by the file
/// name for text read through <c>$INCLUDE</c> (<c>sub.zone line 3: ...</c>).
/// </summary>
public sealed class ZoneFileException : Exception
{
    internal ZoneFileException(int line, string? fileName, string reason, Exception? innerException = null)
        : base((fileName is null ? "" : fileName + " ") + "line " + line.ToString(System.Globalization.CultureInfo.InvariantCulture) + ": " + reason, innerException)
    {
        Line = line;
        FileName = fileName;
        Reason = reason;
    }

    /// <summary>The 1-based line of the error (in <see cref="FileName"/> when that is set).</summary>
    public int Line { get; }

    /// <summary>The <c>$INCLUDE</c> file the error is in, or null for the text given to the reader.</summary>
    public string? FileName { get; }

    /// <summary>The message without the line prefix, e.g. <c>unbalanced parenthesis</c>.</summary>
    public string Reason { get; }
}
