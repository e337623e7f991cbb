namespace Islet.Http.Parsing;

/// <summary>request-line = method SP request-target SP HTTP-version (RFC 9112 3).</summary>
internal static class HttpRequestLineParser
{
    /// <summary>Parses <paramref name="line"/> (without CRLF) and hands its parts to the handler.</summary>
    public static HttpParseError Parse<THandler>(ReadOnlySpan<byte> line, ref THandler handler)
        where THandler : IHttpHeadHandler
    {
        if (line.IndexOf((byte)'\r') >= 0) return HttpParseError.BadRequest; // bare CR
        int methodEnd = line.IndexOf((byte)' ');
        if (methodEnd <= 0) return HttpParseError.BadRequest;
        var methodName = line[..methodEnd];
        if (methodName.IndexOfAnyExcept(HttpCharacters.Token) >= 0) return HttpParseError.BadRequest;

        var rest = line[(methodEnd + 1)..];
        int targetEnd = rest.IndexOf((byte)' ');
        if (targetEnd <= 0) return HttpParseError.BadRequest; // also HTTP/0.9 "GET /"
        var target = rest[..targetEnd];
        var versionText = rest[(targetEnd + 1)..];

        if (!TryParseVersion(versionText, out var version, out var versionError)) return versionError;
        var method = ParseMethod(methodName);
        if (!IsValidTarget(target, method)) return HttpParseError.BadRequest;
        return handler.OnRequestLine(method, methodName, target, version);
    }

    private static bool TryParseVersion(ReadOnlySpan<byte> text, out HttpVersion version, out HttpParseError error)
    {
        version = HttpVersion.Http11;
        error = HttpParseError.None;
        if (text.Length != 8 || !text.StartsWith("HTTP/"u8) || !HttpCharacters.IsDigit(text[5]) ||
            text[6] != (byte)'.' || !HttpCharacters.IsDigit(text[7]))
        {
            error = HttpParseError.BadRequest;
            return false;
        }
        if (text[5] == (byte)'1' && text[7] == (byte)'1') return true;
        if (text[5] == (byte)'1' && text[7] == (byte)'0')
        {
            version = HttpVersion.Http10;
            return true;
        }
        error = HttpParseError.UnsupportedVersion;
        return false;
    }

    /// <summary>Origin-form, absolute-form (http/https) or asterisk-form for OPTIONS (RFC 9112 3.2).</summary>
    private static bool IsValidTarget(ReadOnlySpan<byte> target, HttpMethod method)
    {
        if (target.IndexOfAnyExcept(HttpCharacters.Target) >= 0) return false;
        if (target[0] == (byte)'/') return true;
        if (target.Length == 1 && target[0] == (byte)'*') return method == HttpMethod.Options;
        return RequestTarget.IsAbsoluteForm(target);
    }

    /// <summary>Methods are case-sensitive (RFC 9110 9.1).</summary>
    private static HttpMethod ParseMethod(ReadOnlySpan<byte> name) => name.Length switch
    {
        3 when name.SequenceEqual("GET"u8) => HttpMethod.Get,
        3 when name.SequenceEqual("PUT"u8) => HttpMethod.Put,
        4 when name.SequenceEqual("HEAD"u8) => HttpMethod.Head,
        4 when name.SequenceEqual("POST"u8) => HttpMethod.Post,
        5 when name.SequenceEqual("TRACE"u8) => HttpMethod.Trace,
        5 when name.SequenceEqual("PATCH"u8) => HttpMethod.Patch,
        6 when name.SequenceEqual("DELETE"u8) => HttpMethod.Delete,
        7 when name.SequenceEqual("OPTIONS"u8) => HttpMethod.Options,
        7 when name.SequenceEqual("CONNECT"u8) => HttpMethod.Connect,
        _ => HttpMethod.Other,
    };
}
