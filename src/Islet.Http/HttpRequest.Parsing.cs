using System.Text;
using Islet.Http.Parsing;

namespace Islet.Http;

public sealed partial class HttpRequest
{
    private bool _closeRequested;
    private bool _keepAliveRequested;
    private bool _hasExpect;
    private int _hostCount;

    internal HttpParseError OnRequestLine(HttpMethod method, ReadOnlySpan<byte> methodName, ReadOnlySpan<byte> target, HttpVersion version)
    {
        Method = method;
        Version = version;
        if (!TryStore(methodName, out _methodName) || !TryStore(target, out _target)) return HttpParseError.UriTooLong;
        RequestTarget.Split(target, out int pathStart, out int pathLength, out int queryStart);
        if (pathLength == 0)
        {
            // absolute-form without a path: the path is "/" (RFC 9112 3.2.1).
            if (!TryStore("/"u8, out _path)) return HttpParseError.UriTooLong;
        }
        else
        {
            _path = new ByteSlice(_target.Start + pathStart, pathLength);
        }
        HasQuery = queryStart >= 0;
        if (HasQuery) _query = new ByteSlice(_target.Start + queryStart, target.Length - queryStart);
        return HttpParseError.None;
    }

    /// <summary>Keeps the fields the server understands, recognised by comparing bytes; drops the rest.</summary>
    internal HttpParseError OnHeader(ReadOnlySpan<byte> name, ReadOnlySpan<byte> value)
    {
        bool stored = true;
        switch (name.Length)
        {
            case 4 when Ascii.EqualsIgnoreCase(name, "Host"u8):
                if (++_hostCount > 1) return HttpParseError.BadRequest; // RFC 9112 3.2
                stored = TryStore(value, out _host);
                break;
            case 5 when Ascii.EqualsIgnoreCase(name, "Range"u8):
                stored = TryAppend(ref _range, value);
                break;
            case 6 when Ascii.EqualsIgnoreCase(name, "Expect"u8):
                _hasExpect = true;
                stored = TryAppend(ref _expect, value);
                break;
            case 8 when Ascii.EqualsIgnoreCase(name, "If-Range"u8):
                if (_ifRange.Length == 0) stored = TryStore(value, out _ifRange);
                break;
            case 10 when Ascii.EqualsIgnoreCase(name, "Connection"u8):
                ParseConnection(value);
                break;
            case 13 when Ascii.EqualsIgnoreCase(name, "If-None-Match"u8):
                stored = TryAppend(ref _ifNoneMatch, value);
                break;
            case 12 when Ascii.EqualsIgnoreCase(name, "Content-Type"u8):
                if (_contentType.Length == 0) stored = TryStore(value, out _contentType);
                break;
            case 16 when Ascii.EqualsIgnoreCase(name, "Content-Encoding"u8):
                stored = TryAppend(ref _contentEncoding, value);
                break;
            case 14 when Ascii.EqualsIgnoreCase(name, "Content-Length"u8):
                return OnContentLength(value);
            case 15 when Ascii.EqualsIgnoreCase(name, "Accept-Encoding"u8):
                stored = TryAppend(ref _acceptEncoding, value);
                break;
            case 17 when Ascii.EqualsIgnoreCase(name, "Transfer-Encoding"u8):
                stored = TryAppend(ref _transferEncoding, value.IsEmpty ? ","u8 : value);
                break;
            case 17 when Ascii.EqualsIgnoreCase(name, "If-Modified-Since"u8):
                if (_ifModifiedSince.Length == 0) stored = TryStore(value, out _ifModifiedSince);
                break;
        }
        return stored ? HttpParseError.None : HttpParseError.HeadersTooLarge;
    }

    /// <summary>Checks framing once the head is complete (RFC 9112 6.1-6.3, RFC 9110 10.1.1).</summary>
    internal HttpParseError OnHeadersComplete()
    {
        if (Version == HttpVersion.Http11 && _hostCount == 0) return HttpParseError.BadRequest;
        if (_transferEncoding.Length > 0)
        {
            // Both framings at once is a smuggling vector; HTTP/1.0 has no transfer codings.
            if (ContentLength >= 0 || Version == HttpVersion.Http10) return HttpParseError.BadRequest;
            var error = CheckTransferEncoding(Get(_transferEncoding));
            if (error != HttpParseError.None) return error;
            IsChunked = true;
        }
        if (ContentLength > _maxBodySize) return HttpParseError.PayloadTooLarge;
        if (_hasExpect && Version == HttpVersion.Http11)
        {
            if (!Ascii.EqualsIgnoreCase(Get(_expect), "100-continue"u8)) return HttpParseError.ExpectationFailed;
            ExpectsContinue = true;
        }
        return HttpParseError.None;
    }

    /// <summary>Only "chunked", once and last, is understood; other codings are 501.</summary>
    private static HttpParseError CheckTransferEncoding(ReadOnlySpan<byte> list)
    {
        int chunked = 0;
        bool chunkedLast = false;
        bool any = false;
        foreach (var range in list.Split((byte)','))
        {
            var coding = list[range].Trim(HttpCharacters.Whitespace);
            if (coding.IsEmpty) continue;
            any = true;
            chunkedLast = Ascii.EqualsIgnoreCase(coding, "chunked"u8);
            if (chunkedLast) chunked++;
            else
            {
                int semicolon = coding.IndexOf((byte)';');
                var codingName = semicolon < 0 ? coding : coding[..semicolon].TrimEnd(HttpCharacters.Whitespace);
                bool isToken = !codingName.IsEmpty && codingName.IndexOfAnyExcept(HttpCharacters.Token) < 0;
                return isToken ? HttpParseError.NotImplemented : HttpParseError.BadRequest;
            }
        }
        return any && chunked == 1 && chunkedLast ? HttpParseError.None : HttpParseError.BadRequest;
    }

    /// <summary>Content-Length = 1*DIGIT; a list of identical values is accepted, differing ones are 400 (RFC 9112 6.3).</summary>
    private HttpParseError OnContentLength(ReadOnlySpan<byte> value)
    {
        bool any = false;
        foreach (var range in value.Split((byte)','))
        {
            var item = value[range].Trim(HttpCharacters.Whitespace);
            if (item.IsEmpty || item.Length > 18 || item.IndexOfAnyExceptInRange((byte)'0', (byte)'9') >= 0) return HttpParseError.BadRequest;
            long length = 0;
            foreach (byte b in item) length = length * 10 + (b - '0');
            if (ContentLength >= 0 && ContentLength != length) return HttpParseError.BadRequest;
            ContentLength = length;
            any = true;
        }
        return any ? HttpParseError.None : HttpParseError.BadRequest;
    }

    private void ParseConnection(ReadOnlySpan<byte> value)
    {
        foreach (var range in value.Split((byte)','))
        {
            var option = value[range].Trim(HttpCharacters.Whitespace);
            if (Ascii.EqualsIgnoreCase(option, "close"u8)) _closeRequested = true;
            else if (Ascii.EqualsIgnoreCase(option, "keep-alive"u8)) _keepAliveRequested = true;
        }
    }
}
