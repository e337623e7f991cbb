namespace Islet.Http.Parsing;

/// <summary>The outcome of one call to a resumable HTTP reader.</summary>
public enum HttpParseStatus
{
    /// <summary>The item (a request head, a body) was read completely.</summary>
    Complete,
    /// <summary>The input ends inside the item: read more and call again with the saved state.</summary>
    NeedMoreData,
    /// <summary>The input is malformed or over a limit; the reader's error says how.</summary>
    Error,
}
