using System.Globalization;
using System.Net;
using System.Text;
using Islet.Net;

namespace Islet.Store.Sync.Internal;

/// <summary>
/// A minimal HTTP/1.1 client for Git's smart protocol: one request per connection
/// (<c>Connection: close</c>), a request body sent with Content-Length or chunked, a response
/// read with bounded head lines and fields. No TLS, no redirects, no authentication.
/// </summary>
internal static class SmartHttpClient
{
    /// <summary>The longest status line or header field accepted.</summary>
    public const int MaxHeadLine = 8 * 1024;

    /// <summary>The most header fields accepted in one response.</summary>
    public const int MaxHeaderFields = 100;

    /// <summary>Request bodies at least this long go chunked, as git does for large POSTs.</summary>
    public const int ChunkedThreshold = 1024 * 1024;

    private const int ChunkSize = 64 * 1024;

    /// <summary>
    /// Sends one request to <paramref name="endPoint"/> and reads the response head. A status other
    /// than 200 is a <see cref="GitProtocolError.Http"/> (a redirect included: this client follows none).
    /// The caller owns the returned body and disposes it, which closes the connection.
    /// </summary>
    public static async ValueTask<(string ContentType, Stream Body)> SendAsync(ITcpStack tcp, IPEndPoint endPoint, string host, string method,
        string target, string? contentType, string accept, ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        ITcpFlow flow = await tcp.ConnectAsync(endPoint, cancellationToken);
        Stream stream = flow.AsStream();
        try
        {
            bool chunked = body.Length >= ChunkedThreshold;
            var head = new StringBuilder();
            head.Append(method).Append(' ').Append(target).Append(" HTTP/1.1\r\n");
            head.Append("Host: ").Append(host).Append("\r\n");
            head.Append("User-Agent: git/islet\r\n");
            head.Append("Accept: ").Append(accept).Append("\r\n");
            head.Append("Connection: close\r\n");
            if (contentType is not null)
            {
                head.Append("Content-Type: ").Append(contentType).Append("\r\n");
                head.Append(chunked ? "Transfer-Encoding: chunked\r\n" : $"Content-Length: {body.Length}\r\n");
            }
            head.Append("\r\n");
            await stream.WriteAsync(Encoding.ASCII.GetBytes(head.ToString()), cancellationToken);
            if (contentType is not null)
                await WriteBodyAsync(stream, body, chunked, cancellationToken);
            await stream.FlushAsync(cancellationToken);

            var input = new BufferedInput(stream);
            (int status, string reason) = await ReadStatusAsync(input, cancellationToken);
            (long? length, bool chunkedResponse, string type, string? location) = await ReadFieldsAsync(input, cancellationToken);
            if (status is >= 300 and < 400)
                throw new GitProtocolException(GitProtocolError.Http, $"The remote redirected ({status}) to '{location}'; redirects are not followed.");
            if (status != 200)
                throw new GitProtocolException(GitProtocolError.Http, $"The remote answered HTTP {status} {reason}.");
            return (type, new HttpBodyStream(input, length, chunkedResponse, stream));
        }
        catch
        {
            await stream.DisposeAsync();
            throw;
        }
    }

    private static async ValueTask WriteBodyAsync(Stream stream, ReadOnlyMemory<byte> body, bool chunked, CancellationToken cancellationToken)
    {
        if (!chunked)
        {
            await stream.WriteAsync(body, cancellationToken);
            return;
        }
        for (int offset = 0; offset < body.Length; offset += ChunkSize)
        {
            ReadOnlyMemory<byte> chunk = body[offset..Math.Min(body.Length, offset + ChunkSize)];
            await stream.WriteAsync(Encoding.ASCII.GetBytes($"{chunk.Length:x}\r\n"), cancellationToken);
            await stream.WriteAsync(chunk, cancellationToken);
            await stream.WriteAsync("\r\n"u8.ToArray(), cancellationToken);
        }
        await stream.WriteAsync("0\r\n\r\n"u8.ToArray(), cancellationToken);
    }

    private static async ValueTask<(int Status, string Reason)> ReadStatusAsync(BufferedInput input, CancellationToken cancellationToken)
    {
        for (int interim = 0; interim < 10; interim++)
        {
            string line = await input.ReadLineAsync(MaxHeadLine, cancellationToken)
                ?? throw new GitProtocolException(GitProtocolError.UnexpectedEnd, "The remote closed the connection before an HTTP response.");
            string[] parts = line.Split(' ', 3);
            if (parts.Length < 2 || !parts[0].StartsWith("HTTP/1.", StringComparison.Ordinal) || parts[1].Length != 3
                || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out int status) || status < 100)
                throw new GitProtocolException(GitProtocolError.Http, "The remote sent a malformed HTTP status line.");
            if (status >= 200)
                return (status, parts.Length > 2 ? parts[2] : "");
            await ReadFieldsAsync(input, cancellationToken); // 1xx: skip its fields, the real answer follows
        }
        throw new GitProtocolException(GitProtocolError.LimitExceeded, "The remote sent too many interim HTTP responses.");
    }

    private static async ValueTask<(long? Length, bool Chunked, string ContentType, string? Location)> ReadFieldsAsync(BufferedInput input, CancellationToken cancellationToken)
    {
        long? length = null;
        bool chunked = false;
        string type = "";
        string? location = null;
        for (int count = 0; ; count++)
        {
            if (count > MaxHeaderFields)
                throw new GitProtocolException(GitProtocolError.LimitExceeded, $"The HTTP response has more than {MaxHeaderFields} header fields.");
            string line = await input.ReadLineAsync(MaxHeadLine, cancellationToken)
                ?? throw new GitProtocolException(GitProtocolError.UnexpectedEnd, "The HTTP response head ended early.");
            if (line.Length == 0)
                break;
            int colon = line.IndexOf(':');
            if (colon <= 0)
                throw new GitProtocolException(GitProtocolError.Http, "The HTTP response has a malformed header field.");
            string name = line[..colon].Trim();
            string value = line[(colon + 1)..].Trim();
            if (name.Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
            {
                if (!long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out long parsed) || (length is not null && length != parsed))
                    throw new GitProtocolException(GitProtocolError.Http, "The HTTP response has an invalid Content-Length.");
                length = parsed;
            }
            else if (name.Equals("Transfer-Encoding", StringComparison.OrdinalIgnoreCase))
            {
                if (!value.Equals("chunked", StringComparison.OrdinalIgnoreCase))
                    throw new GitProtocolException(GitProtocolError.Unsupported, $"The HTTP response uses transfer coding '{value}'.");
                chunked = true;
            }
            else if (name.Equals("Content-Type", StringComparison.OrdinalIgnoreCase))
                type = value;
            else if (name.Equals("Location", StringComparison.OrdinalIgnoreCase))
                location = value;
            else if (name.Equals("Content-Encoding", StringComparison.OrdinalIgnoreCase) && !value.Equals("identity", StringComparison.OrdinalIgnoreCase))
                throw new GitProtocolException(GitProtocolError.Unsupported, $"The HTTP response uses content coding '{value}'.");
        }
        return (chunked ? null : length, chunked, type, location);
    }
}
