using System.Text;

namespace Islet.Http.Parsing;

/// <summary>Splits a request-target (RFC 9112 3.2) into its path and query.</summary>
public static class RequestTarget
{
    /// <summary>True for an absolute-form target with the http or https scheme and an authority.</summary>
    public static bool IsAbsoluteForm(ReadOnlySpan<byte> target) => AuthorityEnd(target) > 0;

    /// <summary>
    /// Splits <paramref name="target"/>: <paramref name="pathStart"/>/<paramref name="pathLength"/>
    /// locate the path (empty for an absolute-form target without one, which means <c>/</c>),
    /// <paramref name="queryStart"/> is the index after <c>?</c> or -1 when there is no query.
    /// The asterisk-form's path is <c>*</c>.
    /// </summary>
    public static void Split(ReadOnlySpan<byte> target, out int pathStart, out int pathLength, out int queryStart)
    {
        pathStart = target.Length > 0 && target[0] != (byte)'/' && target[0] != (byte)'*' ? Math.Max(0, AuthorityEnd(target)) : 0;
        int question = target[pathStart..].IndexOf((byte)'?');
        pathLength = question < 0 ? target.Length - pathStart : question;
        queryStart = question < 0 ? -1 : pathStart + question + 1;
    }

    /// <summary>The index just after scheme://authority, or -1.</summary>
    private static int AuthorityEnd(ReadOnlySpan<byte> target)
    {
        int schemeLength;
        if (target.Length > 7 && Ascii.EqualsIgnoreCase(target[..7], "http://"u8)) schemeLength = 7;
        else if (target.Length > 8 && Ascii.EqualsIgnoreCase(target[..8], "https://"u8)) schemeLength = 8;
        else return -1;
        int end = target[schemeLength..].IndexOfAny((byte)'/', (byte)'?');
        int authorityLength = end < 0 ? target.Length - schemeLength : end;
        return authorityLength == 0 ? -1 : schemeLength + authorityLength;
    }
}
