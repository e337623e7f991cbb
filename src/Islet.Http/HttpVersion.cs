namespace Islet.Http;

/// <summary>The protocol versions the server speaks (RFC 9112 2.3).</summary>
public enum HttpVersion : byte
{
    /// <summary>HTTP/1.0: the connection closes after each response unless the client asks for keep-alive.</summary>
    Http10,
    /// <summary>HTTP/1.1: persistent connections by default.</summary>
    Http11,
}
