using System.Buffers;
using System.IO.Pipelines;
using Islet.Http.Parsing;

namespace Islet.Http.Internal;

/// <summary>
/// A request body read straight from the connection's <see cref="PipeReader"/> for an
/// <see cref="IHttpBodyHandler"/>: read-only, forward-only, the framing (Content-Length or
/// chunked) removed. Valid only while the handler runs; the connection drains the rest afterwards.
/// </summary>
internal sealed class HttpRequestBodyStream : Stream
{
    private readonly PipeReader _input;
    private readonly IBodyTimer _timer;
    private readonly bool _chunked;
    private readonly long _maxLength;
    private readonly int _maxTrailerBytes;
    private long _remaining;
    private ChunkedBodyDecoder _decoder;
    private bool _complete;
    private HttpBodyException? _failure;

    /// <summary>How the body stream arms the connection's stall timer around each read of the pipe.</summary>
    internal interface IBodyTimer
    {
        void Arm();

        /// <summary>Disarms; true when the timer fired during the read.</summary>
        bool DisarmAndCheckExpired();
    }

    public HttpRequestBodyStream(PipeReader input, IBodyTimer timer, bool chunked, long contentLength, long maxLength, int maxTrailerBytes)
    {
        _input = input;
        _timer = timer;
        _chunked = chunked;
        _remaining = chunked ? 0 : contentLength;
        _maxLength = maxLength;
        _maxTrailerBytes = maxTrailerBytes;
        _complete = !chunked && contentLength <= 0;
    }

    /// <summary>True once the whole body has been read.</summary>
    public bool IsComplete => _complete;

    /// <summary>The failure that ended the body, if any.</summary>
    public HttpBodyException? Failure => _failure;

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) =>
        throw new NotSupportedException("The request body is read asynchronously on the event loop.");

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask<int> ReadAsync(Memory<byte> destination, CancellationToken cancellationToken = default)
    {
        if (_failure is not null) throw _failure;
        if (_complete || destination.IsEmpty) return 0;
        while (true)
        {
            _timer.Arm();
            ReadResult result = await _input.ReadAsync(CancellationToken.None).ConfigureAwait(true);
            if (_timer.DisarmAndCheckExpired())
            {
                _input.AdvanceTo(result.Buffer.Start);
                throw Fail(HttpParseError.RequestTimeout, "The request body stalled past the keep-alive timeout.");
            }
            if (result.IsCanceled)
            {
                // Shutdown was requested: the current request still finishes.
                _input.AdvanceTo(result.Buffer.Start);
                continue;
            }
            ReadOnlySequence<byte> buffer = result.Buffer;
            int copied = _chunked ? DecodeChunked(ref buffer, destination.Span) : CopyLength(ref buffer, destination.Span);
            _input.AdvanceTo(buffer.Start);
            if (_failure is not null) throw _failure;
            if (copied > 0 || _complete) return copied;
            if (result.IsCompleted) throw Fail(HttpParseError.BadRequest, "The connection closed inside the request body.");
        }
    }

    /// <summary>Reads and discards the rest; false when the body failed (the connection must close).</summary>
    public async ValueTask<bool> DrainAsync()
    {
        byte[] scratch = ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            while (!_complete)
            {
                if (await ReadAsync(scratch, CancellationToken.None).ConfigureAwait(true) == 0 && !_complete) return false;
            }
            return true;
        }
        catch (IOException)
        {
            return false;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(scratch);
        }
    }

    /// <summary>Copies from the front of <paramref name="buffer"/> and leaves it sliced past what was used.</summary>
    private int CopyLength(ref ReadOnlySequence<byte> buffer, Span<byte> destination)
    {
        int take = (int)Math.Min(Math.Min(_remaining, buffer.Length), destination.Length);
        buffer.Slice(0, take).CopyTo(destination);
        buffer = buffer.Slice(take);
        _remaining -= take;
        if (_remaining == 0) _complete = true;
        return take;
    }

    /// <summary>
    /// Decodes at most <c>destination.Length</c> bytes of framing and data: the decoder consumes every
    /// byte it is given, so bounding its input bounds the data it can produce.
    /// </summary>
    private int DecodeChunked(ref ReadOnlySequence<byte> buffer, Span<byte> destination)
    {
        var reader = new SequenceReader<byte>(buffer.Slice(0, Math.Min(buffer.Length, destination.Length)));
        int copied = 0;
        while (true)
        {
            HttpBodyStatus status = _decoder.Decode(ref reader, _maxLength, _maxTrailerBytes, out ReadOnlySequence<byte> data, out HttpParseError error);
            if (status == HttpBodyStatus.Data)
            {
                data.CopyTo(destination[copied..]);
                copied += (int)data.Length;
                continue;
            }
            if (status == HttpBodyStatus.Complete) _complete = true;
            else if (status == HttpBodyStatus.Error) Fail(error, error == HttpParseError.PayloadTooLarge ? "The request body is larger than allowed." : "The chunked framing of the request body is malformed.");
            break;
        }
        buffer = buffer.Slice(reader.Position);
        return copied;
    }

    private HttpBodyException Fail(HttpParseError error, string message) => _failure = new HttpBodyException(error, message);

    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
