using System.Buffers;
using Islet.Http.Parsing;

namespace Islet.Http;

/// <summary>
/// The head of one request as the server keeps it: the request line and the header fields
/// the server understands, copied into a per-connection buffer that is reused for every
/// request. Other header fields are validated and then dropped.
/// </summary>
/// <remarks>
/// One instance belongs to one connection and is overwritten by the next request: spans
/// returned by its members are valid only until the handler's task completes. An absent
/// header reads as an empty span. Bodies are read and discarded by the connection before
/// the handler runs, unless the handler is an <see cref="IHttpBodyHandler"/> (then see <see cref="Body"/>) (bounded by <see cref="HttpServerOptions.MaxRequestBodySize"/>).
/// </remarks>
public sealed partial class HttpRequest
{
    private readonly long _maxBodySize;
    private readonly int _maxStorage;
    private byte[] _storage;
    private int _used;

    private ByteSlice _methodName;
    private ByteSlice _target;
    private ByteSlice _path;
    private ByteSlice _query;
    private ByteSlice _host;
    private ByteSlice _range;
    private ByteSlice _ifNoneMatch;
    private ByteSlice _ifModifiedSince;
    private ByteSlice _ifRange;
    private ByteSlice _acceptEncoding;
    private ByteSlice _transferEncoding;
    private ByteSlice _expect;
    private ByteSlice _contentType;
    private ByteSlice _contentEncoding;

    internal HttpRequest(HttpServerOptions options)
    {
        _maxBodySize = options.MaxRequestBodySize;
        _maxStorage = 2 * (options.MaxRequestLineLength + options.MaxHeaderBytes);
        _storage = ArrayPool<byte>.Shared.Rent(1024);
    }

    /// <summary>The method, or <see cref="HttpMethod.Other"/> (see <see cref="MethodName"/>).</summary>
    public HttpMethod Method { get; private set; }

    /// <summary>The method token as sent.</summary>
    public ReadOnlySpan<byte> MethodName => Get(_methodName);

    /// <summary>The protocol version of the request.</summary>
    public HttpVersion Version { get; private set; }

    /// <summary>The raw request-target.</summary>
    public ReadOnlySpan<byte> Target => Get(_target);

    /// <summary>The raw (percent-encoded) path: starts with <c>/</c>, or is <c>*</c> for the asterisk-form.</summary>
    public ReadOnlySpan<byte> Path => Get(_path);

    /// <summary>The raw query after <c>?</c>, empty when there is none.</summary>
    public ReadOnlySpan<byte> Query => Get(_query);

    /// <summary>True when the target has a <c>?</c>.</summary>
    public bool HasQuery { get; private set; }

    /// <summary>The Host field (RFC 9110 7.2).</summary>
    public ReadOnlySpan<byte> Host => Get(_host);

    /// <summary>The Range field(s), comma-joined.</summary>
    public ReadOnlySpan<byte> Range => Get(_range);

    /// <summary>The If-None-Match field(s), comma-joined.</summary>
    public ReadOnlySpan<byte> IfNoneMatch => Get(_ifNoneMatch);

    /// <summary>The If-Modified-Since field (the first one).</summary>
    public ReadOnlySpan<byte> IfModifiedSince => Get(_ifModifiedSince);

    /// <summary>The If-Range field (the first one).</summary>
    public ReadOnlySpan<byte> IfRange => Get(_ifRange);

    /// <summary>The Accept-Encoding field(s), comma-joined.</summary>
    public ReadOnlySpan<byte> AcceptEncoding => Get(_acceptEncoding);

    /// <summary>The Content-Type field (the first one).</summary>
    public ReadOnlySpan<byte> ContentType => Get(_contentType);

    /// <summary>The Content-Encoding field(s), comma-joined (e.g. <c>gzip</c>); decoding is the handler's.</summary>
    public ReadOnlySpan<byte> ContentEncoding => Get(_contentEncoding);

    /// <summary>
    /// The request body, for an <see cref="IHttpBodyHandler"/> while its task runs: framing removed,
    /// read asynchronously, failures raise <see cref="HttpBodyException"/>. For other handlers (the
    /// body was already discarded) and outside a handler it is <see cref="Stream.Null"/>.
    /// </summary>
    public Stream Body { get; internal set; } = Stream.Null;

    /// <summary>The declared Content-Length, or -1 when there is none.</summary>
    public long ContentLength { get; private set; }

    /// <summary>True when the body uses the chunked transfer coding.</summary>
    public bool IsChunked { get; private set; }

    /// <summary>True when the request has a body to read (chunked, or a positive length).</summary>
    public bool HasBody => IsChunked || ContentLength > 0;

    /// <summary>True when the client sent <c>Expect: 100-continue</c> (HTTP/1.1 only).</summary>
    public bool ExpectsContinue { get; private set; }

    /// <summary>
    /// True when the connection may stay open after the response: HTTP/1.1 without
    /// <c>Connection: close</c>, or HTTP/1.0 with <c>Connection: keep-alive</c>.
    /// </summary>
    public bool KeepAlive => !_closeRequested && (Version == HttpVersion.Http11 || _keepAliveRequested);

    private ReadOnlySpan<byte> Get(ByteSlice slice) => _storage.AsSpan(slice.Start, slice.Length);

    /// <summary>Forgets the previous request.</summary>
    internal void Reset()
    {
        _used = 0;
        _methodName = _target = _path = _query = _host = _range = default;
        _ifNoneMatch = _ifModifiedSince = _ifRange = _acceptEncoding = _transferEncoding = _expect = _contentType = _contentEncoding = default;
        Method = HttpMethod.Other;
        Version = HttpVersion.Http11;
        HasQuery = false;
        ContentLength = -1;
        IsChunked = false;
        ExpectsContinue = false;
        _closeRequested = false;
        _keepAliveRequested = false;
        _hostCount = 0;
        _hasExpect = false;
    }

    /// <summary>Returns the buffer to the pool; the instance must not be used afterwards.</summary>
    internal void Release()
    {
        var storage = _storage;
        _storage = [];
        if (storage.Length > 0) ArrayPool<byte>.Shared.Return(storage);
    }

    /// <summary>Copies <paramref name="value"/> to the buffer; false when the per-request storage limit is reached.</summary>
    private bool TryStore(ReadOnlySpan<byte> value, out ByteSlice slice)
    {
        slice = default;
        if (!TryEnsure(value.Length)) return false;
        value.CopyTo(_storage.AsSpan(_used));
        slice = new ByteSlice(_used, value.Length);
        _used += value.Length;
        return true;
    }

    /// <summary>Adds a list element (RFC 9110 5.3: repeated list fields combine with commas).</summary>
    private bool TryAppend(ref ByteSlice slot, ReadOnlySpan<byte> value)
    {
        if (slot.Length == 0) return TryStore(value, out slot);
        if (slot.Start + slot.Length == _used)
        {
            if (!TryEnsure(value.Length + 2)) return false;
            ", "u8.CopyTo(_storage.AsSpan(_used));
            value.CopyTo(_storage.AsSpan(_used + 2));
            _used += value.Length + 2;
            slot = new ByteSlice(slot.Start, slot.Length + value.Length + 2);
            return true;
        }
        if (!TryEnsure(slot.Length + value.Length + 2)) return false;
        int start = _used;
        _storage.AsSpan(slot.Start, slot.Length).CopyTo(_storage.AsSpan(_used));
        _used += slot.Length;
        slot = new ByteSlice(start, _used - start);
        return TryAppend(ref slot, value);
    }

    private bool TryEnsure(int extra)
    {
        int needed = _used + extra;
        if (needed <= _storage.Length) return true;
        if (needed > _maxStorage) return false;
        var larger = ArrayPool<byte>.Shared.Rent(Math.Max(needed, _storage.Length * 2));
        _storage.AsSpan(0, _used).CopyTo(larger);
        if (_storage.Length > 0) ArrayPool<byte>.Shared.Return(_storage);
        _storage = larger;
        return true;
    }

    private readonly record struct ByteSlice(int Start, int Length);
}
