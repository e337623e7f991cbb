namespace Islet.Http;

/// <summary>The request methods the server recognises by their bytes (RFC 9110 9); any other token is <see cref="Other"/>.</summary>
public enum HttpMethod : byte
{
    /// <summary>A valid method token that is not one of the standard ones.</summary>
    Other,
    /// <summary>GET.</summary>
    Get,
    /// <summary>HEAD.</summary>
    Head,
    /// <summary>POST.</summary>
    Post,
    /// <summary>PUT.</summary>
    Put,
    /// <summary>DELETE.</summary>
    Delete,
    /// <summary>OPTIONS.</summary>
    Options,
    /// <summary>TRACE.</summary>
    Trace,
    /// <summary>PATCH.</summary>
    Patch,
    /// <summary>CONNECT.</summary>
    Connect,
}
