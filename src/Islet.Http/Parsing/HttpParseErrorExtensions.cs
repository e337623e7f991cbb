namespace Islet.Http.Parsing;

/// <summary>Maps <see cref="HttpParseError"/> to the status code that answers it.</summary>
public static class HttpParseErrorExtensions
{
    /// <summary>The response status for <paramref name="error"/>; 400 for <see cref="HttpParseError.None"/> (a caller bug, answered safely).</summary>
    public static int ToStatusCode(this HttpParseError error) => error switch
    {
        HttpParseError.RequestTimeout => 408,
        HttpParseError.PayloadTooLarge => 413,
        HttpParseError.UriTooLong => 414,
        HttpParseError.ExpectationFailed => 417,
        HttpParseError.HeadersTooLarge => 431,
        HttpParseError.NotImplemented => 501,
        HttpParseError.UnsupportedVersion => 505,
        _ => 400,
    };
}
