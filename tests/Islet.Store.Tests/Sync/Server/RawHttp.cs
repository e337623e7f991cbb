using System.Net.Sockets;
using System.Text;

namespace Islet.Store.Tests.Sync.Server;

/// <summary>A raw HTTP/1.1 exchange for hostile-client tests: bytes out, status and (de-chunked) body back.</summary>
internal static class RawHttp
{
    /// <summary>A parsed response; Status 0 when the server closed without answering.</summary>
    public sealed record Response(int Status, string Head, byte[] Body)
    {
        public string BodyText => Encoding.Latin1.GetString(Body);
    }

    /// <summary>Builds a request with <c>Connection: close</c>; <paramref name="extraHeaders"/> are CRLF-terminated lines.</summary>
    public static byte[] Request(string method, string target, string extraHeaders = "", byte[]? body = null, bool contentLength = true)
    {
        string head = $"{method} {target} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n{extraHeaders}";
        if (body is not null && contentLength) head += $"Content-Length: {body.Length}\r\n";
        byte[] headBytes = Encoding.Latin1.GetBytes(head + "\r\n");
        return body is null ? headBytes : [.. headBytes, .. body];
    }

    /// <summary>Sends <paramref name="request"/> to 127.0.0.1:<paramref name="port"/>, half-closes, reads until the server closes.</summary>
    public static Response Send(int port, byte[] request)
    {
        using var client = new TcpClient();
        client.ReceiveTimeout = 60_000;
        client.Connect("127.0.0.1", port);
        using NetworkStream stream = client.GetStream();
        try
        {
            stream.Write(request);
            client.Client.Shutdown(SocketShutdown.Send);
        }
        catch (IOException)
        {
            // The server may answer and close before it has read everything.
        }
        var output = new MemoryStream();
        try
        {
            stream.CopyTo(output);
        }
        catch (IOException)
        {
            // A reset after the response: keep what arrived.
        }
        return Parse(output.ToArray());
    }

    public static Response Parse(byte[] bytes)
    {
        int headEnd = IndexOf(bytes, "\r\n\r\n"u8, 0);
        if (headEnd < 0) return new Response(0, "", bytes);
        string head = Encoding.Latin1.GetString(bytes, 0, headEnd);
        int status = int.Parse(head.AsSpan(9, 3));
        byte[] rest = bytes[(headEnd + 4)..];
        if (!head.Contains("Transfer-Encoding: chunked", StringComparison.Ordinal)) return new Response(status, head, rest);
        var body = new MemoryStream();
        int position = 0;
        while (position < rest.Length)
        {
            int lineEnd = IndexOf(rest, "\r\n"u8, position);
            int size = Convert.ToInt32(Encoding.Latin1.GetString(rest, position, lineEnd - position), 16);
            position = lineEnd + 2;
            if (size == 0) break;
            body.Write(rest, position, size);
            position += size + 2;
        }
        return new Response(status, head, body.ToArray());
    }

    private static int IndexOf(byte[] haystack, ReadOnlySpan<byte> needle, int start)
    {
        int found = haystack.AsSpan(start).IndexOf(needle);
        return found < 0 ? -1 : start + found;
    }
}
