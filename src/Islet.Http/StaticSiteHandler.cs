using System.Buffers;
using System.Text;
using Islet.Devices;
using Islet.Http.Internal;
using Islet.Http.Parsing;

namespace Islet.Http;

/// <summary>
/// Serves the files of an <see cref="IKeyValueStore"/> over GET and HEAD: directory index
/// pages, redirects to add a trailing slash, strong ETags from the stored SHA-256,
/// conditional requests (304), single byte ranges (206/416) and stored gzip variants.
/// </summary>
/// <remarks>
/// <para>Mapping: the percent-decoded path without its leading <c>/</c> is the key; a path
/// ending in <c>/</c> maps to <c>index.html</c> under it; <c>/foo</c> where only
/// <c>foo/index.html</c> exists answers 301 to <c>/foo/</c>. A decoded path that is not a
/// valid key (<c>..</c>, NUL, backslash, empty segments) is 400; a missing key is 404.</para>
/// <para>Other methods get 405 with <c>Allow: GET, HEAD</c>. HEAD sends GET's headers with no
/// body and does not read the value.</para>
/// </remarks>
public sealed partial class StaticSiteHandler : IHttpHandler
{
    private const string IndexFile = "index.html";

    private static ReadOnlySpan<byte> HtmlType => "text/html; charset=utf-8"u8;
    private static ReadOnlySpan<byte> NotFoundPage => "<!DOCTYPE html>\n<html><head><title>404 Not Found</title></head><body><h1>Not Found</h1></body></html>\n"u8;
    private static ReadOnlySpan<byte> BadRequestPage => "<!DOCTYPE html>\n<html><head><title>400 Bad Request</title></head><body><h1>Bad Request</h1></body></html>\n"u8;
    private static ReadOnlySpan<byte> MovedPage => "<!DOCTYPE html>\n<html><head><title>301 Moved Permanently</title></head><body><h1>Moved Permanently</h1></body></html>\n"u8;

    private readonly IKeyValueStore _store;
    private readonly byte[]? _cacheControl;

    /// <summary>Serves <paramref name="store"/>; <paramref name="cacheControl"/>, when given, is sent as <c>Cache-Control</c> on 200, 206 and 304.</summary>
    /// <exception cref="ArgumentException"><paramref name="cacheControl"/> is not printable ASCII.</exception>
    public StaticSiteHandler(IKeyValueStore store, string? cacheControl = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        _store = store;
        if (cacheControl is not null)
        {
            if (!Ascii.IsValid(cacheControl) || cacheControl.AsSpan().IndexOfAnyInRange('\0', '\x1f') >= 0)
            {
                ThrowHelper.ThrowArgument("Cache-Control must be printable ASCII.", nameof(cacheControl));
            }
            _cacheControl = Encoding.ASCII.GetBytes(cacheControl);
        }
    }

    private enum Resolution : byte { Found, NotFound, Redirect, BadPath }

    /// <inheritdoc />
    public ValueTask HandleAsync(HttpRequest request, HttpResponse response, CancellationToken cancellationToken)
    {
        if (request.Method is not (HttpMethod.Get or HttpMethod.Head))
        {
            response.StartHead(405);
            response.AddHeader("Allow"u8, "GET, HEAD"u8);
            response.EndHead(0);
            return default;
        }

        switch (Resolve(request.Path, out var info))
        {
            case Resolution.Found:
                return ServeAsync(request, response, info, cancellationToken);
            case Resolution.Redirect:
                WriteRedirect(request, response);
                break;
            case Resolution.BadPath:
                WritePage(response, 400, BadRequestPage);
                break;
            default:
                WritePage(response, 404, NotFoundPage);
                break;
        }
        return default;
    }

    /// <summary>Maps the raw path to a key and looks it up; no allocation for paths up to 500 chars.</summary>
    private Resolution Resolve(ReadOnlySpan<byte> path, out KeyValueInfo info)
    {
        info = default;
        if (path.IsEmpty || path[0] != (byte)'/') return Resolution.BadPath;
        int capacity = path.Length + IndexFile.Length + 1;
        char[]? rented = null;
        Span<char> chars = capacity <= 512 ? stackalloc char[512] : (rented = ArrayPool<char>.Shared.Rent(capacity));
        try
        {
            if (!PercentDecoder.TryDecodePath(path, chars, out int length)) return Resolution.BadPath;
            bool directory = chars[length - 1] == '/';
            int keyLength = length - 1;
            if (directory)
            {
                IndexFile.CopyTo(chars[length..]);
                keyLength += IndexFile.Length;
            }
            var key = chars.Slice(1, keyLength);
            if (!KeyValuePath.IsValid(key)) return Resolution.BadPath;
            if (_store.TryGetInfo(key, out info)) return Resolution.Found;
            if (directory) return Resolution.NotFound;

            chars[length] = '/';
            IndexFile.CopyTo(chars[(length + 1)..]);
            return _store.TryGetInfo(chars.Slice(1, keyLength + 1 + IndexFile.Length), out _) ? Resolution.Redirect : Resolution.NotFound;
        }
        finally
        {
            if (rented is not null) ArrayPool<char>.Shared.Return(rented);
        }
    }

    /// <summary>301 to the same path with a <c>/</c> added, keeping the query.</summary>
    private static void WriteRedirect(HttpRequest request, HttpResponse response)
    {
        var path = request.Path;
        var query = request.Query;
        int length = path.Length + 1 + (request.HasQuery ? 1 + query.Length : 0);
        byte[]? rented = null;
        Span<byte> location = length <= 512 ? stackalloc byte[512] : (rented = ArrayPool<byte>.Shared.Rent(length));
        path.CopyTo(location);
        location[path.Length] = (byte)'/';
        if (request.HasQuery)
        {
            location[path.Length + 1] = (byte)'?';
            query.CopyTo(location[(path.Length + 2)..]);
        }
        response.StartHead(301);
        response.AddHeader("Location"u8, location[..length]);
        response.AddHeader("Content-Type"u8, HtmlType);
        response.EndHead(MovedPage.Length);
        response.WriteBody(MovedPage);
        if (rented is not null) ArrayPool<byte>.Shared.Return(rented);
    }

    private static void WritePage(HttpResponse response, int statusCode, ReadOnlySpan<byte> page)
    {
        response.StartHead(statusCode);
        response.AddHeader("Content-Type"u8, HtmlType);
        response.EndHead(page.Length);
        response.WriteBody(page);
    }
}
