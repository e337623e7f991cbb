namespace Islet.Dns.Resolver.Internal;

/// <summary>What to do with a datagram that arrived while a query waits.</summary>
internal enum ResponseVerdict
{
    /// <summary>Not a response to this query (wrong id, not a response, another question, another
    /// opcode, unparseable): drop it and keep waiting. Never an error, so a spoofer cannot end the wait.</summary>
    Ignore,
    /// <summary>The response to this query, with TC set: ask the same server again over TCP.</summary>
    Truncated,
    /// <summary>The response to this query.</summary>
    Accept,
}
