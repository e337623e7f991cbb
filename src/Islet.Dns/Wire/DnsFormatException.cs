using System.Diagnostics.CodeAnalysis;

namespace Islet.Dns.Wire;

/// <summary>Malformed DNS data: a message, a record or a name in wire or presentation format that
/// breaks RFC 1035 (truncated fields, bad compression pointers, overlong names or labels, rdata that
/// does not match its type). The only exception the readers and parsers of this namespace throw for
/// bad input.</summary>
public sealed class DnsFormatException : FormatException
{
    /// <summary>Creates the exception with a message that says what was wrong and where.</summary>
    public DnsFormatException(string message) : base(message) { }

    [DoesNotReturn]
    internal static void Throw(string message) => throw new DnsFormatException(message);

    [DoesNotReturn]
    internal static T Throw<T>(string message) => throw new DnsFormatException(message);
}
