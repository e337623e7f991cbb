using System.Text;
using System.Text.RegularExpressions;

namespace Islet.Http.Tests;

internal sealed record ParsedResponse(int Status, Dictionary<string, string> Headers, byte[] Body)
{
    public string BodyText => Encoding.UTF8.GetString(Body);

    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;
}

/// <summary>
/// An independent reader of the server's output: status lines, header syntax and
/// Content-Length framing, written without the library's parser.
/// </summary>
internal static partial class ResponseChecker
{
    [GeneratedRegex(@"^HTTP/1\.1 ([1-9][0-9]{2}) [\x20-\x7e]*$")]
    private static partial Regex StatusLine();

    [GeneratedRegex(@"^[!#$%&'*+\-.^_`|~0-9A-Za-z]+: [\x20-\x7e]*$")]
    private static partial Regex HeaderLine();

    /// <summary>
    /// Parses every response in <paramref name="output"/>. <paramref name="headFlags"/>[i] says
    /// whether the i-th final response answers HEAD (so has no body despite Content-Length).
    /// Throws when anything is malformed.
    /// </summary>
    public static List<ParsedResponse> Parse(byte[] output, IReadOnlyList<bool>? headFlags = null)
    {
        var responses = new List<ParsedResponse>();
        int position = 0;
        int finalIndex = 0;
        while (position < output.Length)
        {
            string status = ReadLine(output, ref position);
            var match = StatusLine().Match(status);
            if (!match.Success) throw new FormatException($"Bad status line: {status}");
            int code = int.Parse(match.Groups[1].Value);
            var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            while (true)
            {
                string line = ReadLine(output, ref position);
                if (line.Length == 0) break;
                if (!HeaderLine().IsMatch(line)) throw new FormatException($"Bad header line: {line}");
                int colon = line.IndexOf(':');
                if (!headers.TryAdd(line[..colon], line[(colon + 2)..])) throw new FormatException($"Duplicate header: {line}");
            }
            if (code < 200)
            {
                responses.Add(new ParsedResponse(code, headers, []));
                continue;
            }
            if (!headers.TryGetValue("Date", out var date) || !DateTimeOffset.TryParseExact(date, "r", null, System.Globalization.DateTimeStyles.AssumeUniversal, out _))
            {
                throw new FormatException("Missing or bad Date.");
            }
            if (headers.GetValueOrDefault("Server") != "islet") throw new FormatException("Missing Server.");
            bool head = headFlags is not null && finalIndex < headFlags.Count && headFlags[finalIndex];
            finalIndex++;
            byte[] body = [];
            if (headers.GetValueOrDefault("Transfer-Encoding") == "chunked")
            {
                if (headers.ContainsKey("Content-Length")) throw new FormatException("Both Content-Length and chunked.");
                body = head ? [] : ReadChunked(output, ref position);
            }
            else if (code is not (204 or 304))
            {
                if (!headers.TryGetValue("Content-Length", out var lengthText) || !long.TryParse(lengthText, out long length) || length < 0)
                {
                    throw new FormatException("Missing Content-Length.");
                }
                if (!head)
                {
                    if (position + length > output.Length) throw new FormatException("Body shorter than Content-Length.");
                    body = output.AsSpan(position, (int)length).ToArray();
                    position += (int)length;
                }
            }
            responses.Add(new ParsedResponse(code, headers, body));
        }
        return responses;
    }

    /// <summary>Reads a chunked body (RFC 9112 7.1), without extensions or trailers.</summary>
    private static byte[] ReadChunked(byte[] output, ref int position)
    {
        var body = new MemoryStream();
        while (true)
        {
            string sizeLine = ReadLine(output, ref position);
            int size = Convert.ToInt32(sizeLine, 16);
            if (size == 0)
            {
                if (ReadLine(output, ref position).Length != 0) throw new FormatException("Trailers are not expected.");
                return body.ToArray();
            }
            if (position + size + 2 > output.Length) throw new FormatException("Chunk shorter than its size.");
            body.Write(output, position, size);
            position += size;
            if (ReadLine(output, ref position).Length != 0) throw new FormatException("No CRLF after a chunk.");
        }
    }

    private static string ReadLine(byte[] output, ref int position)
    {
        int end = output.AsSpan(position).IndexOf("\r\n"u8);
        if (end < 0) throw new FormatException("Truncated line.");
        string line = Encoding.Latin1.GetString(output, position, end);
        position += end + 2;
        return line;
    }
}
