using Islet.Devices;
using Islet.Http.Internal;

namespace Islet.Http;

public sealed partial class StaticSiteHandler
{
    /// <summary>Representation selection, then preconditions (RFC 9110 13.2.2), then Range.</summary>
    private ValueTask ServeAsync(HttpRequest request, HttpResponse response, KeyValueInfo info, CancellationToken cancellationToken)
    {
        bool hasRange = !request.Range.IsEmpty;
        // Ranges always address the identity representation.
        bool gzip = info.GzipSize >= 0 && !hasRange && AcceptEncodingParser.AcceptsGzip(request.AcceptEncoding);

        if (IsNotModified(request, info, gzip))
        {
            response.StartHead(304);
            WriteValidators(response, info, gzip);
            response.EndHead(-1);
            return default;
        }

        int status = 200;
        long start = 0;
        long length = gzip ? info.GzipSize : info.Size;
        if (hasRange && IfRangeAllows(request.IfRange, info))
        {
            switch (ByteRangeParser.Parse(request.Range, info.Size, out long rangeStart, out long rangeLength))
            {
                case RangeOutcome.Satisfiable:
                    status = 206;
                    start = rangeStart;
                    length = rangeLength;
                    break;
                case RangeOutcome.Unsatisfiable:
                    response.StartHead(416);
                    WriteContentRange(response, -1, 0, info.Size);
                    response.EndHead(0);
                    return default;
            }
        }

        if (request.Method == HttpMethod.Head)
        {
            WriteHead(response, info, status, start, length, gzip);
            return default;
        }
        return SendAsync(response, info, status, start, length, gzip, cancellationToken);
    }

    private async ValueTask SendAsync(HttpResponse response, KeyValueInfo info, int status, long start, long length, bool gzip,
        CancellationToken cancellationToken)
    {
        var result = await _store.GetAsync(info.Key, gzip ? ContentEncoding.Gzip : ContentEncoding.Identity, cancellationToken).ConfigureAwait(true);
        if (!result.Found || start + length > result.Value.Length)
        {
            // The store disagrees with its own metadata: nothing correct can be sent.
            response.StartHead(500);
            response.CloseConnection();
            response.EndHead(0);
            return;
        }
        WriteHead(response, info, status, start, length, gzip);
        await response.WriteBodyAsync(result.Value.Slice((int)start, (int)length), cancellationToken).ConfigureAwait(true);
    }

    private void WriteHead(HttpResponse response, KeyValueInfo info, int status, long start, long length, bool gzip)
    {
        response.StartHead(status);
        response.AddHeader("Content-Type"u8, info.MediaType);
        WriteValidators(response, info, gzip);
        response.AddHeader("Accept-Ranges"u8, "bytes"u8);
        if (gzip) response.AddHeader("Content-Encoding"u8, "gzip"u8);
        if (status == 206) WriteContentRange(response, start, length, info.Size);
        response.EndHead(length);
    }

    /// <summary>ETag, Last-Modified, Vary (when a gzip variant exists) and Cache-Control.</summary>
    private void WriteValidators(HttpResponse response, KeyValueInfo info, bool gzip)
    {
        Span<byte> etag = stackalloc byte[EntityTag.MaxLength];
        int etagLength = EntityTag.Format(info.Digest, gzip, etag);
        response.AddHeader("ETag"u8, etag[..etagLength]);
        response.AddDateHeader("Last-Modified"u8, info.LastModified);
        if (info.GzipSize >= 0) response.AddHeader("Vary"u8, "Accept-Encoding"u8);
        if (_cacheControl is not null) response.AddHeader("Cache-Control"u8, _cacheControl);
    }

    /// <summary><c>bytes first-last/size</c>, or <c>bytes */size</c> when <paramref name="start"/> is negative.</summary>
    private static void WriteContentRange(HttpResponse response, long start, long length, long size)
    {
        Span<byte> value = stackalloc byte[70];
        "bytes "u8.CopyTo(value);
        int n = 6;
        if (start < 0)
        {
            value[n++] = (byte)'*';
        }
        else
        {
            start.TryFormat(value[n..], out int written);
            n += written;
            value[n++] = (byte)'-';
            (start + length - 1).TryFormat(value[n..], out written);
            n += written;
        }
        value[n++] = (byte)'/';
        size.TryFormat(value[n..], out int sizeWritten);
        response.AddHeader("Content-Range"u8, value[..(n + sizeWritten)]);
    }

    /// <summary>If-None-Match (weak comparison) decides when present; otherwise If-Modified-Since.</summary>
    private static bool IsNotModified(HttpRequest request, KeyValueInfo info, bool gzip)
    {
        var ifNoneMatch = request.IfNoneMatch;
        if (!ifNoneMatch.IsEmpty)
        {
            Span<byte> etag = stackalloc byte[EntityTag.MaxLength];
            int length = EntityTag.Format(info.Digest, gzip, etag);
            return EntityTag.MatchesAny(ifNoneMatch, etag[..length]);
        }
        return HttpDate.TryParse(request.IfModifiedSince, out var since) && TruncateToSeconds(info.LastModified) <= since;
    }

    /// <summary>If-Range (RFC 9110 13.1.5): a strong tag equal to the identity tag, or the exact Last-Modified date.</summary>
    private static bool IfRangeAllows(ReadOnlySpan<byte> ifRange, KeyValueInfo info)
    {
        if (ifRange.IsEmpty) return true;
        if (ifRange[0] == (byte)'"' || ifRange[0] == (byte)'W')
        {
            Span<byte> etag = stackalloc byte[EntityTag.MaxLength];
            int length = EntityTag.Format(info.Digest, gzip: false, etag);
            return EntityTag.StrongEquals(ifRange, etag[..length]);
        }
        return HttpDate.TryParse(ifRange, out var date) && date == TruncateToSeconds(info.LastModified);
    }

    private static DateTimeOffset TruncateToSeconds(DateTimeOffset value) =>
        new(value.UtcTicks - value.UtcTicks % TimeSpan.TicksPerSecond, TimeSpan.Zero);
}
