using System.Buffers;
using System.Runtime.CompilerServices;
using Islet.Http.Internal;

namespace Islet.Http.Parsing;

/// <summary>
/// A resumable, allocation-free reader of one HTTP/1.1 request head (RFC 9112 2-5) over a
/// <see cref="ReadOnlySequence{T}"/>, in the style of <c>Utf8JsonReader</c>.
/// </summary>
/// <remarks>
/// <para>Create a reader over the bytes received so far and the saved
/// <see cref="HttpRequestReaderState"/>, call <see cref="ReadHead{THandler}"/>, then save
/// <see cref="CurrentState"/> and advance the pipe to <see cref="Consumed"/> and
/// <see cref="Examined"/>. On <see cref="HttpParseStatus.NeedMoreData"/> every available byte
/// has been examined, so the pipe waits for new data instead of spinning; the request line
/// and each header field already delivered are consumed and not delivered again.</para>
/// <para>Parsing is strict: lines end in CRLF, bare CR, obs-fold, whitespace before a colon,
/// control bytes in values and non-token method or field names are
/// <see cref="HttpParseError.BadRequest"/>; limits are <see cref="HttpParserLimits"/>.</para>
/// </remarks>
public ref struct HttpRequestReader
{
    private const int StackScratchSize = 256;

    private readonly ReadOnlySequence<byte> _buffer;
    private readonly HttpParserLimits _limits;
    private HttpRequestReaderState _state;
    private SequencePosition _consumed;
    private SequencePosition _examined;
    private HttpParseError _error;

    /// <summary>Creates a reader over <paramref name="buffer"/>, resuming from <paramref name="state"/>.</summary>
    public HttpRequestReader(ReadOnlySequence<byte> buffer, HttpRequestReaderState state, HttpParserLimits limits)
    {
        _buffer = buffer;
        _state = state;
        _limits = limits;
        _consumed = buffer.Start;
        _examined = buffer.Start;
        _error = HttpParseError.None;
    }

    /// <summary>The state to resume from with the next reader.</summary>
    public readonly HttpRequestReaderState CurrentState => _state;

    /// <summary>The end of the bytes fully processed: advance the pipe's start here.</summary>
    public readonly SequencePosition Consumed => _consumed;

    /// <summary>The end of the bytes looked at: the pipe should wait for data beyond this.</summary>
    public readonly SequencePosition Examined => _examined;

    /// <summary>Why <see cref="ReadHead{THandler}"/> returned <see cref="HttpParseStatus.Error"/>.</summary>
    public readonly HttpParseError Error => _error;

    /// <summary>
    /// Reads the rest of a request head, calling <paramref name="handler"/> for each part.
    /// </summary>
    /// <returns><see cref="HttpParseStatus.Complete"/> once the empty line is read
    /// (<see cref="Consumed"/> is then the first byte after the head), need-more, or an error.</returns>
    /// <exception cref="InvalidOperationException">The state is already complete.</exception>
    public HttpParseStatus ReadHead<THandler>(ref THandler handler) where THandler : IHttpHeadHandler
    {
        if (_state.Phase == HttpRequestReaderState.CompletePhase)
        {
            ThrowHelper.ThrowInvalidOperation("The request head was already read; start the next request with a default state.");
        }

        var reader = new SequenceReader<byte>(_buffer);
        if (_state.Phase == HttpRequestReaderState.RequestLinePhase)
        {
            // RFC 9112 2.2: ignore empty lines received before the request line.
            while (reader.TryPeek(out byte first) && first == (byte)'\r')
            {
                if (!reader.TryPeek(1, out byte second)) return NeedMore();
                if (second != (byte)'\n') return Fail(HttpParseError.BadRequest);
                reader.Advance(2);
                _consumed = reader.Position;
            }

            if (!TryReadLine(ref reader, _limits.MaxRequestLineLength, HttpParseError.UriTooLong, out var line))
            {
                return _error == HttpParseError.None ? NeedMore() : HttpParseStatus.Error;
            }
            var error = DeliverRequestLine(line, ref handler);
            if (error != HttpParseError.None) return Fail(error);
            _state.Phase = HttpRequestReaderState.HeadersPhase;
            _consumed = reader.Position;
        }

        while (true)
        {
            int allowed = _limits.MaxHeaderBytes - _state.HeaderBytes;
            if (!TryReadLine(ref reader, allowed, HttpParseError.HeadersTooLarge, out var line))
            {
                return _error == HttpParseError.None ? NeedMore() : HttpParseStatus.Error;
            }
            _state.HeaderBytes += (int)line.Length + 1;

            HttpParseError error;
            if (line.Length == 1)
            {
                error = handler.OnHeadersComplete();
                if (error != HttpParseError.None) return Fail(error);
                _state.Phase = HttpRequestReaderState.CompletePhase;
                _consumed = reader.Position;
                _examined = _consumed;
                return HttpParseStatus.Complete;
            }

            if (++_state.HeaderCount > _limits.MaxHeaderCount) return Fail(HttpParseError.HeadersTooLarge);
            error = DeliverHeaderLine(line, ref handler);
            if (error != HttpParseError.None) return Fail(error);
            _consumed = reader.Position;
        }
    }

    /// <summary>
    /// Reads up to and past the next LF. The line returned includes its CR (checked present).
    /// False with no error means the line is incomplete and within <paramref name="maxLength"/>.
    /// </summary>
    private bool TryReadLine(ref SequenceReader<byte> reader, int maxLength, HttpParseError tooLong, out ReadOnlySequence<byte> line)
    {
        if (reader.TryReadTo(out line, (byte)'\n', advancePastDelimiter: true))
        {
            if (line.Length + 1 > maxLength)
            {
                _error = tooLong;
                return false;
            }
            if (line.IsEmpty || LastByte(line) != (byte)'\r')
            {
                _error = HttpParseError.BadRequest; // bare LF line ending
                return false;
            }
            return true;
        }

        if (reader.Remaining >= maxLength) _error = tooLong;
        return false;
    }

    private static byte LastByte(in ReadOnlySequence<byte> line) =>
        line.IsSingleSegment ? line.FirstSpan[^1] : line.Slice(line.Length - 1).FirstSpan[0];

    private HttpParseStatus NeedMore()
    {
        _examined = _buffer.End;
        return HttpParseStatus.NeedMoreData;
    }

    private HttpParseStatus Fail(HttpParseError error)
    {
        _error = error;
        _examined = _buffer.End;
        return HttpParseStatus.Error;
    }

    [MethodImpl(MethodImplOptions.NoInlining)] // keeps the stackalloc out of the caller's loop
    private static HttpParseError DeliverRequestLine<THandler>(in ReadOnlySequence<byte> line, ref THandler handler)
        where THandler : IHttpHeadHandler
    {
        int length = (int)line.Length - 1;
        if (line.IsSingleSegment) return HttpRequestLineParser.Parse(line.FirstSpan[..length], ref handler);

        byte[]? rented = null;
        Span<byte> scratch = length <= StackScratchSize ? stackalloc byte[StackScratchSize] : (rented = ArrayPool<byte>.Shared.Rent(length));
        line.Slice(0, length).CopyTo(scratch);
        var error = HttpRequestLineParser.Parse(scratch[..length], ref handler);
        if (rented is not null) ArrayPool<byte>.Shared.Return(rented);
        return error;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static HttpParseError DeliverHeaderLine<THandler>(in ReadOnlySequence<byte> line, ref THandler handler)
        where THandler : IHttpHeadHandler
    {
        int length = (int)line.Length - 1;
        if (line.IsSingleSegment) return ParseHeaderLine(line.FirstSpan[..length], ref handler);

        byte[]? rented = null;
        Span<byte> scratch = length <= StackScratchSize ? stackalloc byte[StackScratchSize] : (rented = ArrayPool<byte>.Shared.Rent(length));
        line.Slice(0, length).CopyTo(scratch);
        var error = ParseHeaderLine(scratch[..length], ref handler);
        if (rented is not null) ArrayPool<byte>.Shared.Return(rented);
        return error;
    }

    /// <summary>field-line = field-name ":" OWS field-value OWS (RFC 9112 5).</summary>
    private static HttpParseError ParseHeaderLine<THandler>(ReadOnlySpan<byte> line, ref THandler handler)
        where THandler : IHttpHeadHandler
    {
        // A line starting with whitespace is obs-fold (RFC 9112 5.2): rejected.
        if (line[0] is (byte)' ' or (byte)'\t') return HttpParseError.BadRequest;
        int colon = line.IndexOf((byte)':');
        if (colon <= 0) return HttpParseError.BadRequest;
        var name = line[..colon];
        // Also rejects whitespace between the name and the colon (RFC 9112 5.1).
        if (name.IndexOfAnyExcept(HttpCharacters.Token) >= 0) return HttpParseError.BadRequest;
        var value = line[(colon + 1)..].Trim(HttpCharacters.Whitespace);
        if (value.IndexOfAny(HttpCharacters.InvalidFieldValue) >= 0) return HttpParseError.BadRequest;
        return handler.OnHeader(name, value);
    }
}
