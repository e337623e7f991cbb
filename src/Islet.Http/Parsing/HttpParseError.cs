namespace Islet.Http.Parsing;

/// <summary>
/// Why a request cannot be served: the closed set of errors of the HTTP/1.1 reader. Each is
/// answered with the status code named here (<see cref="HttpParseErrorExtensions.ToStatusCode"/>)
/// and the connection is then closed.
/// </summary>
public enum HttpParseError
{
    /// <summary>No error.</summary>
    None,
    /// <summary>400: the message violates RFC 9112 syntax or framing (bare CR, obs-fold, bad token, conflicting lengths, bad chunk).</summary>
    BadRequest,
    /// <summary>408: the request head did not arrive in time.</summary>
    RequestTimeout,
    /// <summary>413: the body is larger than the configured limit.</summary>
    PayloadTooLarge,
    /// <summary>414: the request line is longer than the configured limit.</summary>
    UriTooLong,
    /// <summary>417: an <c>Expect</c> other than <c>100-continue</c>.</summary>
    ExpectationFailed,
    /// <summary>431: too many header fields, or too many header bytes.</summary>
    HeadersTooLarge,
    /// <summary>501: a transfer coding other than <c>chunked</c>.</summary>
    NotImplemented,
    /// <summary>505: a well-formed HTTP version other than 1.0 and 1.1.</summary>
    UnsupportedVersion,
}
