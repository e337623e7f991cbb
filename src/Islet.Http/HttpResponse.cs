using System.Buffers;
using System.IO.Pipelines;
using System.Text;
using Islet.Http.Internal;
using Islet.Http.Parsing;

namespace Islet.Http;

/// <summary>
/// Writes one response straight into the connection's <see cref="PipeWriter"/>: the head is
/// formatted as UTF-8 into the writer's buffer (no strings), the body is copied after it.
/// </summary>
/// <remarks>
/// <para>Order: <see cref="StartHead"/>, any <c>AddHeader</c>, <see cref="EndHead"/>, then
/// exactly the declared number of body bytes; or <see cref="EndHeadChunked"/>, any body bytes, then
/// <see cref="EndBody"/>. The server adds <c>Date</c>, <c>Server</c>,
/// <c>Content-Length</c> and <c>Connection</c>; handlers must not.</para>
/// <para>For a HEAD request body writes are accepted and dropped, so a handler can treat HEAD
/// like GET. Bytes reach the peer when the connection flushes once per batch of pipelined
/// requests, or earlier when a large body has filled 64 KiB.</para>
/// <para>One instance belongs to one connection and is reused for every response. Misuse
/// (wrong order, a header with CR or LF, too many body bytes) throws: it is a handler bug.</para>
/// </remarks>
public sealed class HttpResponse
{
    private const int FlushThreshold = 64 * 1024;
    private const int CopyChunk = 16 * 1024;

    private readonly PipeWriter _writer;
    private readonly DateHeaderCache _dates;
    private ResponseState _state;
    private long _declaredLength;
    private long _bodyWritten;
    private bool _http10;
    private bool _chunked;

    internal HttpResponse(PipeWriter writer, DateHeaderCache dates)
    {
        _writer = writer;
        _dates = dates;
    }

    private enum ResponseState : byte { NotStarted, Head, Body, Done }

    /// <summary>True when the request was HEAD: the body is not sent.</summary>
    public bool IsHeadRequest { get; private set; }

    /// <summary>True when the connection stays open after this response.</summary>
    public bool KeepAlive { get; private set; }

    /// <summary>The status code written, or 0 before <see cref="StartHead"/>.</summary>
    public int StatusCode { get; private set; }

    /// <summary>True once <see cref="StartHead"/> has been called.</summary>
    public bool HasStarted => _state != ResponseState.NotStarted;

    internal bool IsComplete => _state == ResponseState.Done;

    /// <summary>Bytes written since the connection last flushed.</summary>
    internal long UnflushedBytes { get; set; }

    internal void Reset(bool isHeadRequest, bool keepAlive, bool http10)
    {
        _state = ResponseState.NotStarted;
        IsHeadRequest = isHeadRequest;
        KeepAlive = keepAlive;
        _http10 = http10;
        StatusCode = 0;
        _declaredLength = 0;
        _bodyWritten = 0;
        _chunked = false;
    }

    /// <summary>Closes the connection after this response (adds <c>Connection: close</c>). Call before <see cref="EndHead"/>.</summary>
    public void CloseConnection()
    {
        if (_state > ResponseState.Head) ThrowHelper.ThrowInvalidOperation("The head has already been written.");
        KeepAlive = false;
    }

    /// <summary>Writes the status line, <c>Date</c> and <c>Server</c>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The code is not 200-999.</exception>
    public void StartHead(int statusCode)
    {
        if (_state != ResponseState.NotStarted) ThrowHelper.ThrowInvalidOperation("The response has already started.");
        if (statusCode is < 200 or > 999) ThrowHelper.ThrowArgumentOutOfRange(nameof(statusCode));
        StatusCode = statusCode;
        _state = ResponseState.Head;
        var line = HttpStatusLines.Get(statusCode);
        if (line.IsEmpty)
        {
            var span = _writer.GetSpan(16);
            "HTTP/1.1 "u8.CopyTo(span);
            statusCode.TryFormat(span[9..], out int digits);
            " \r\n"u8.CopyTo(span[(9 + digits)..]);
            Advance(12 + digits);
        }
        else
        {
            Write(line);
        }
        AddHeader("Date"u8, _dates.Value);
        Write("Server: islet\r\n"u8);
    }

    /// <summary>Adds a header whose value is UTF-8 bytes (no CR, LF or other controls but HTAB).</summary>
    public void AddHeader(ReadOnlySpan<byte> name, ReadOnlySpan<byte> value)
    {
        CheckHeader(name);
        if (value.IndexOfAny(HttpCharacters.InvalidFieldValue) >= 0) ThrowHelper.ThrowArgument("A header value cannot contain control characters.", nameof(value));
        var span = _writer.GetSpan(name.Length + value.Length + 4);
        name.CopyTo(span);
        span[name.Length] = (byte)':';
        span[name.Length + 1] = (byte)' ';
        value.CopyTo(span[(name.Length + 2)..]);
        "\r\n"u8.CopyTo(span[(name.Length + 2 + value.Length)..]);
        Advance(name.Length + value.Length + 4);
    }

    /// <summary>Adds a header whose value is printable ASCII text (e.g. a media type).</summary>
    public void AddHeader(ReadOnlySpan<byte> name, ReadOnlySpan<char> value)
    {
        CheckHeader(name);
        var span = _writer.GetSpan(name.Length + value.Length + 4);
        name.CopyTo(span);
        span[name.Length] = (byte)':';
        span[name.Length + 1] = (byte)' ';
        var destination = span[(name.Length + 2)..];
        if (Ascii.FromUtf16(value, destination, out int written) != OperationStatus.Done ||
            destination[..written].IndexOfAny(HttpCharacters.InvalidFieldValue) >= 0)
        {
            ThrowHelper.ThrowArgument("A header value must be printable ASCII.", nameof(value));
        }
        "\r\n"u8.CopyTo(destination[written..]);
        Advance(name.Length + written + 4);
    }

    /// <summary>Adds a header whose value is a decimal integer.</summary>
    public void AddHeader(ReadOnlySpan<byte> name, long value)
    {
        Span<byte> digits = stackalloc byte[20];
        value.TryFormat(digits, out int written);
        AddHeader(name, digits[..written]);
    }

    /// <summary>Adds a header whose value is an IMF-fixdate (RFC 9110 5.6.7).</summary>
    public void AddDateHeader(ReadOnlySpan<byte> name, DateTimeOffset value)
    {
        Span<byte> date = stackalloc byte[HttpDate.Length];
        HttpDate.Format(value, date);
        AddHeader(name, date);
    }

    /// <summary>
    /// Adds <c>Content-Length</c> and <c>Connection</c> and ends the head. A non-negative
    /// <paramref name="contentLength"/> is the number of body bytes that must follow (none for
    /// HEAD). -1 means the status has no body and no length: only for 204 and 304.
    /// </summary>
    public void EndHead(long contentLength)
    {
        if (_state != ResponseState.Head) ThrowHelper.ThrowInvalidOperation("The head is not open.");
        bool bodyless = StatusCode is 204 or 304;
        if (contentLength < 0 != bodyless) ThrowHelper.ThrowArgument("Only 204 and 304 go without a Content-Length.", nameof(contentLength));
        if (contentLength >= 0) AddHeader("Content-Length"u8, contentLength);
        if (!KeepAlive) Write("Connection: close\r\n"u8);
        else if (_http10) Write("Connection: keep-alive\r\n"u8);
        Write("\r\n"u8);
        _declaredLength = IsHeadRequest || bodyless ? 0 : contentLength;
        _state = _declaredLength == 0 ? ResponseState.Done : ResponseState.Body;
    }

    /// <summary>
    /// Ends the head of a response whose length is not known yet: the body goes out with the chunked
    /// transfer coding (RFC 9112 7.1), each body write one chunk, and <see cref="EndBody"/> writes the
    /// last chunk. To an HTTP/1.0 client the body is sent unframed and the connection closes after it.
    /// </summary>
    /// <exception cref="InvalidOperationException">The head is not open.</exception>
    /// <exception cref="ArgumentException">The status is 204 or 304, which have no body.</exception>
    public void EndHeadChunked()
    {
        if (_state != ResponseState.Head) ThrowHelper.ThrowInvalidOperation("The head is not open.");
        if (StatusCode is 204 or 304) ThrowHelper.ThrowArgument("204 and 304 have no body.", nameof(StatusCode));
        if (_http10) KeepAlive = false;
        else Write("Transfer-Encoding: chunked\r\n"u8);
        if (!KeepAlive) Write("Connection: close\r\n"u8);
        Write("\r\n"u8);
        _chunked = true;
        _declaredLength = long.MaxValue;
        _state = IsHeadRequest ? ResponseState.Done : ResponseState.Body;
    }

    /// <summary>Ends a body begun with <see cref="EndHeadChunked"/> (the last chunk); nothing for HEAD or when already ended.</summary>
    /// <exception cref="InvalidOperationException">The response is not a chunked one.</exception>
    public void EndBody()
    {
        if (!_chunked) ThrowHelper.ThrowInvalidOperation("Only a chunked response is ended explicitly.");
        if (_state != ResponseState.Body) return;
        if (!_http10) Write("0\r\n\r\n"u8);
        _state = ResponseState.Done;
    }

    /// <summary>Sends what has been written so far to the peer now (e.g. progress of a long response).</summary>
    public async ValueTask FlushAsync(CancellationToken cancellationToken = default)
    {
        UnflushedBytes = 0;
        await _writer.FlushAsync(cancellationToken).ConfigureAwait(true);
    }

    /// <summary>Copies body bytes into the output (dropped for HEAD).</summary>
    public void WriteBody(ReadOnlySpan<byte> data)
    {
        if (!AcceptBody(data.Length)) return;
        WriteFramed(data);
        CompleteBody(data.Length);
    }

    /// <summary>Copies body bytes into the output, flushing on the way when a large body has accumulated.</summary>
    public async ValueTask WriteBodyAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken = default)
    {
        if (!AcceptBody(data.Length)) return;
        while (!data.IsEmpty)
        {
            int take = Math.Min(CopyChunk, data.Length);
            WriteFramed(data.Span[..take]);
            data = data[take..];
            CompleteBody(take);
            if (UnflushedBytes >= FlushThreshold)
            {
                UnflushedBytes = 0;
                await _writer.FlushAsync(cancellationToken).ConfigureAwait(true);
            }
        }
    }

    /// <summary>A bodyless interim 100 (Continue) response (RFC 9110 15.2.1).</summary>
    internal void WriteContinue() => Write("HTTP/1.1 100 Continue\r\n\r\n"u8);

    private bool AcceptBody(int length)
    {
        if (length == 0 || (IsHeadRequest && _state is ResponseState.Done)) return false;
        if (_state != ResponseState.Body || _bodyWritten + length > _declaredLength)
        {
            ThrowHelper.ThrowInvalidOperation("Body bytes beyond the declared Content-Length, or before the head ended.");
        }
        return length > 0;
    }

    private void CompleteBody(int length)
    {
        _bodyWritten += length;
        if (!_chunked && _bodyWritten == _declaredLength) _state = ResponseState.Done;
    }

    /// <summary>Writes body bytes, as one chunk when the response is chunked.</summary>
    private void WriteFramed(ReadOnlySpan<byte> data)
    {
        if (!_chunked || _http10)
        {
            Write(data);
            return;
        }
        Span<byte> size = stackalloc byte[10];
        data.Length.TryFormat(size, out int digits, "x");
        size[digits] = (byte)'\r';
        size[digits + 1] = (byte)'\n';
        Write(size[..(digits + 2)]);
        Write(data);
        Write("\r\n"u8);
    }

    private void CheckHeader(ReadOnlySpan<byte> name)
    {
        if (_state != ResponseState.Head) ThrowHelper.ThrowInvalidOperation("Headers go between StartHead and EndHead.");
        if (name.IsEmpty || name.IndexOfAnyExcept(HttpCharacters.Token) >= 0) ThrowHelper.ThrowArgument("A header name must be a token.", nameof(name));
    }

    private void Write(ReadOnlySpan<byte> bytes)
    {
        _writer.Write(bytes);
        UnflushedBytes += bytes.Length;
    }

    private void Advance(int count)
    {
        _writer.Advance(count);
        UnflushedBytes += count;
    }
}
