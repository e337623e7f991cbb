namespace Islet.Content;

/// <summary>
/// Media types for content files, chosen by file extension, as a fixed table shared by the
/// build-time crunch tool and the directory store.
/// </summary>
/// <remarks>
/// Textual types (HTML, CSS, JavaScript, JSON, XML, SVG, source maps, Markdown, plain text)
/// carry <c>; charset=utf-8</c>: content folders are expected to hold UTF-8 text. Unknown
/// extensions are <see cref="OctetStream"/>.
/// </remarks>
public static class MediaTypes
{
    /// <summary>The type of bytes with no known meaning.</summary>
    public const string OctetStream = "application/octet-stream";

    private const string Utf8 = "; charset=utf-8";

    // Extension (without the dot, lower case) -> media type. Compared case-insensitively.
    private static readonly Dictionary<string, string> s_byExtension = new(StringComparer.OrdinalIgnoreCase)
    {
        ["html"] = "text/html" + Utf8,
        ["htm"] = "text/html" + Utf8,
        ["css"] = "text/css" + Utf8,
        ["js"] = "text/javascript" + Utf8,   // RFC 9239
        ["mjs"] = "text/javascript" + Utf8,
        ["json"] = "application/json" + Utf8,
        ["map"] = "application/json" + Utf8, // source maps are JSON
        ["svg"] = "image/svg+xml" + Utf8,
        ["xml"] = "application/xml" + Utf8,  // RFC 7303
        ["txt"] = "text/plain" + Utf8,
        ["md"] = "text/markdown" + Utf8,     // RFC 7763
        ["png"] = "image/png",
        ["jpg"] = "image/jpeg",
        ["jpeg"] = "image/jpeg",
        ["gif"] = "image/gif",
        ["webp"] = "image/webp",
        ["ico"] = "image/x-icon",
        ["wasm"] = "application/wasm",
        ["woff"] = "font/woff",              // RFC 8081
        ["woff2"] = "font/woff2",
        ["pdf"] = "application/pdf",
    };

    private static readonly Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> s_byExtensionSpan =
        s_byExtension.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>
    /// The media type for a file extension given with or without its leading dot
    /// (<c>"html"</c> or <c>".html"</c>), case-insensitively; <see cref="OctetStream"/> when unknown.
    /// Allocation-free.
    /// </summary>
    public static string FromExtension(ReadOnlySpan<char> extension)
    {
        if (extension.StartsWith('.')) extension = extension[1..];
        return s_byExtensionSpan.TryGetValue(extension, out var mediaType) ? mediaType : OctetStream;
    }

    /// <summary>
    /// The media type for the last segment of a key or file path (<c>css/site.css</c>):
    /// the text after its last dot. A name without a dot, or a dot-file such as
    /// <c>.htaccess</c>, is <see cref="OctetStream"/>. Allocation-free.
    /// </summary>
    public static string FromPath(ReadOnlySpan<char> path)
    {
        var name = path[(path.LastIndexOfAny('/', '\\') + 1)..];
        var dot = name.LastIndexOf('.');
        return dot <= 0 ? OctetStream : FromExtension(name[(dot + 1)..]);
    }

    /// <summary>
    /// True when values of <paramref name="mediaType"/> usually shrink under gzip: text,
    /// JSON, XML, JavaScript, SVG, WebAssembly and icons. Already-compressed formats (PNG,
    /// JPEG, GIF, WebP, WOFF, PDF) and unknown bytes are not. Parameters such as
    /// <c>charset</c> are ignored.
    /// </summary>
    public static bool IsCompressible(ReadOnlySpan<char> mediaType)
    {
        var semicolon = mediaType.IndexOf(';');
        var type = (semicolon >= 0 ? mediaType[..semicolon] : mediaType).Trim();
        if (type.StartsWith("text/", StringComparison.OrdinalIgnoreCase)) return true;
        if (type.EndsWith("+json", StringComparison.OrdinalIgnoreCase) || type.EndsWith("+xml", StringComparison.OrdinalIgnoreCase)) return true;
        return type.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            || type.Equals("application/xml", StringComparison.OrdinalIgnoreCase)
            || type.Equals("application/javascript", StringComparison.OrdinalIgnoreCase)
            || type.Equals("application/wasm", StringComparison.OrdinalIgnoreCase)
            || type.Equals("image/x-icon", StringComparison.OrdinalIgnoreCase);
    }
}
