using System.Net;

namespace Islet.Dns.Resolver;

/// <summary>A name could not be resolved. <see cref="Error"/> says why; the message names the query
/// and the servers tried.</summary>
public sealed class DnsResolveException : Exception
{
    /// <summary>Creates the exception; the message is built from the other arguments.</summary>
    public DnsResolveException(DnsResolveError error, string name, DnsType type, IReadOnlyList<IPEndPoint> serversTried, string? detail = null)
        : base(Describe(error, name, type, serversTried, detail))
    {
        Error = error;
        Name = name;
        Type = type;
        ServersTried = serversTried;
    }

    /// <summary>Why resolution failed.</summary>
    public DnsResolveError Error { get; }

    /// <summary>The name asked for, as the application gave it.</summary>
    public string Name { get; }

    /// <summary>The type asked for (the first one, for a lookup of several types).</summary>
    public DnsType Type { get; }

    /// <summary>The servers that were asked, in order, without repeats; empty for an answer from the cache.</summary>
    public IReadOnlyList<IPEndPoint> ServersTried { get; }

    private static string Describe(DnsResolveError error, string name, DnsType type, IReadOnlyList<IPEndPoint> servers, string? detail)
    {
        string what = error switch
        {
            DnsResolveError.NameNotFound => "does not exist",
            DnsResolveError.NoData => $"has no {type} records",
            DnsResolveError.Timeout => "timed out",
            DnsResolveError.ServerFailure => "failed at the server",
            DnsResolveError.Refused => "was refused",
            _ => "could not reach a server",
        };
        string via = servers.Count == 0 ? " (from the cache)" : $" (servers tried: {string.Join(", ", servers)})";
        string more = detail is null ? "" : $": {detail}";
        return $"DNS lookup of {name} {type} {what}{via}{more}.";
    }
}
