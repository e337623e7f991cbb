using System.Buffers;

namespace Islet.Http.Parsing;

/// <summary>
/// A resumable decoder of the chunked transfer coding (RFC 9112 7.1): a plain struct to keep
/// across <c>await</c>. Chunk extensions are skipped, trailer fields are read and discarded.
/// </summary>
/// <remarks>
/// The decoder keeps its position inside the framing itself, so every byte it is given is
/// consumed: after <see cref="HttpBodyStatus.NeedMoreData"/> advance the pipe to the reader's
/// position with everything examined. Limits: the sum of chunk sizes (413 when over),
/// 16 hex digits of chunk size, 4 KiB of extension per chunk, and the trailer section.
/// </remarks>
public struct ChunkedBodyDecoder
{
    private const int MaxExtensionLength = 4096;

    private enum Phase : byte { Size, Extension, SizeLf, Data, DataCr, DataLf, TrailerLineStart, TrailerLine, TrailerLf, FinalLf, Done }

    private Phase _phase;
    private int _sizeDigits;
    private int _extensionLength;
    private long _chunkRemaining;
    private long _totalLength;
    private int _trailerBytes;

    /// <summary>Decoded body bytes so far.</summary>
    public readonly long TotalLength => _totalLength;

    /// <summary>True once the last chunk and the trailer section have been read.</summary>
    public readonly bool IsComplete => _phase == Phase.Done;

    /// <summary>
    /// Decodes from <paramref name="reader"/>. Returns <see cref="HttpBodyStatus.Data"/> with a
    /// non-empty slice of body bytes (call again), <see cref="HttpBodyStatus.NeedMoreData"/> when
    /// the reader is exhausted, <see cref="HttpBodyStatus.Complete"/> with the reader just after
    /// the message, or <see cref="HttpBodyStatus.Error"/> with <paramref name="error"/> set.
    /// </summary>
    public HttpBodyStatus Decode(ref SequenceReader<byte> reader, long maxBodyLength, int maxTrailerBytes,
        out ReadOnlySequence<byte> data, out HttpParseError error)
    {
        data = default;
        error = HttpParseError.None;
        while (true)
        {
            if (_phase == Phase.Done) return HttpBodyStatus.Complete;
            if (_phase == Phase.Data)
            {
                if (reader.End) return HttpBodyStatus.NeedMoreData;
                long take = Math.Min(_chunkRemaining, reader.Remaining);
                data = reader.UnreadSequence.Slice(0, take);
                reader.Advance(take);
                _chunkRemaining -= take;
                if (_chunkRemaining == 0) _phase = Phase.DataCr;
                return HttpBodyStatus.Data;
            }

            if (!reader.TryRead(out byte b)) return HttpBodyStatus.NeedMoreData;
            error = Step(b, maxBodyLength, maxTrailerBytes);
            if (error != HttpParseError.None) return HttpBodyStatus.Error;
        }
    }

    private HttpParseError Step(byte b, long maxBodyLength, int maxTrailerBytes)
    {
        switch (_phase)
        {
            case Phase.Size:
                int digit = HttpCharacters.HexValue(b);
                if (digit >= 0)
                {
                    if (++_sizeDigits > 16 || _chunkRemaining > (long.MaxValue >> 4)) return HttpParseError.BadRequest;
                    _chunkRemaining = (_chunkRemaining << 4) | (uint)digit;
                    return HttpParseError.None;
                }
                if (_sizeDigits == 0) return HttpParseError.BadRequest;
                if (b == (byte)'\r') _phase = Phase.SizeLf;
                else if (b is (byte)';' or (byte)' ' or (byte)'\t') _phase = Phase.Extension; // BWS before ";"
                else return HttpParseError.BadRequest;
                return HttpParseError.None;

            case Phase.Extension:
                if (b == (byte)'\r') _phase = Phase.SizeLf;
                else if ((b < 0x20 && b != (byte)'\t') || b == 0x7F || ++_extensionLength > MaxExtensionLength) return HttpParseError.BadRequest;
                return HttpParseError.None;

            case Phase.SizeLf:
                if (b != (byte)'\n') return HttpParseError.BadRequest;
                _totalLength += _chunkRemaining;
                if (_totalLength > maxBodyLength) return HttpParseError.PayloadTooLarge;
                _sizeDigits = 0;
                _extensionLength = 0;
                _phase = _chunkRemaining == 0 ? Phase.TrailerLineStart : Phase.Data;
                return HttpParseError.None;

            case Phase.DataCr:
                if (b != (byte)'\r') return HttpParseError.BadRequest;
                _phase = Phase.DataLf;
                return HttpParseError.None;

            case Phase.DataLf:
                if (b != (byte)'\n') return HttpParseError.BadRequest;
                _phase = Phase.Size;
                return HttpParseError.None;

            default:
                return StepTrailer(b, maxTrailerBytes);
        }
    }

    /// <summary>trailer-section = *( field-line CRLF ) CRLF; field lines are checked for controls only.</summary>
    private HttpParseError StepTrailer(byte b, int maxTrailerBytes)
    {
        if (++_trailerBytes > maxTrailerBytes) return HttpParseError.HeadersTooLarge;
        switch (_phase)
        {
            case Phase.TrailerLineStart:
                if (b == (byte)'\r') _phase = Phase.FinalLf;
                else if (b is (byte)' ' or (byte)'\t' or (byte)':' || b < 0x20 || b == 0x7F) return HttpParseError.BadRequest;
                else _phase = Phase.TrailerLine;
                return HttpParseError.None;
            case Phase.TrailerLine:
                if (b == (byte)'\r') _phase = Phase.TrailerLf;
                else if ((b < 0x20 && b != (byte)'\t') || b == 0x7F) return HttpParseError.BadRequest;
                return HttpParseError.None;
            case Phase.TrailerLf:
                if (b != (byte)'\n') return HttpParseError.BadRequest;
                _phase = Phase.TrailerLineStart;
                return HttpParseError.None;
            case Phase.FinalLf:
                if (b != (byte)'\n') return HttpParseError.BadRequest;
                _phase = Phase.Done;
                return HttpParseError.None;
            default:
                return HttpParseError.BadRequest;
        }
    }
}
