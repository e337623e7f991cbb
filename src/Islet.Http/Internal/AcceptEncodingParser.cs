using System.Text;
using Islet.Http.Parsing;

namespace Islet.Http.Internal;

/// <summary>Accept-Encoding with q-values (RFC 9110 12.5.3), reduced to the one question the server asks.</summary>
internal static class AcceptEncodingParser
{
    /// <summary>
    /// True when the client accepts gzip: <c>gzip</c> (or <c>x-gzip</c>) with q &gt; 0, or, when
    /// gzip is not listed, <c>*</c> with q &gt; 0. An element with a malformed q-value counts as q=0.
    /// </summary>
    public static bool AcceptsGzip(ReadOnlySpan<byte> header)
    {
        int gzipQuality = -1;
        int anyQuality = -1;
        foreach (var range in header.Split((byte)','))
        {
            var element = header[range].Trim(HttpCharacters.Whitespace);
            if (element.IsEmpty) continue;
            int semicolon = element.IndexOf((byte)';');
            var coding = (semicolon < 0 ? element : element[..semicolon]).Trim(HttpCharacters.Whitespace);
            int quality = semicolon < 0 ? 1000 : ParseQuality(element[(semicolon + 1)..]);
            if (Ascii.EqualsIgnoreCase(coding, "gzip"u8) || Ascii.EqualsIgnoreCase(coding, "x-gzip"u8)) gzipQuality = Math.Max(gzipQuality, quality);
            else if (coding.Length == 1 && coding[0] == (byte)'*') anyQuality = Math.Max(anyQuality, quality);
        }
        return gzipQuality >= 0 ? gzipQuality > 0 : anyQuality > 0;
    }

    /// <summary>The q parameter in thousandths: 1000 when absent, 0 when malformed.</summary>
    private static int ParseQuality(ReadOnlySpan<byte> parameters)
    {
        foreach (var range in parameters.Split((byte)';'))
        {
            var parameter = parameters[range].Trim(HttpCharacters.Whitespace);
            if (parameter.Length < 2 || (parameter[0] | 0x20) != (byte)'q' || parameter[1] != (byte)'=') continue;
            return TryParseQValue(parameter[2..], out int quality) ? quality : 0;
        }
        return 1000;
    }

    /// <summary>qvalue = ( "0" [ "." 0*3DIGIT ] ) / ( "1" [ "." 0*3("0") ] ).</summary>
    private static bool TryParseQValue(ReadOnlySpan<byte> text, out int quality)
    {
        quality = 0;
        if (text.IsEmpty || text.Length > 5 || (text[0] != (byte)'0' && text[0] != (byte)'1')) return false;
        int whole = text[0] - '0';
        if (text.Length == 1)
        {
            quality = whole * 1000;
            return true;
        }
        if (text[1] != (byte)'.') return false;
        int fraction = 0;
        int scale = 100;
        foreach (byte b in text[2..])
        {
            if (!HttpCharacters.IsDigit(b)) return false;
            fraction += (b - '0') * scale;
            scale /= 10;
        }
        if (whole == 1 && fraction != 0) return false;
        quality = whole * 1000 + fraction;
        return true;
    }
}
