namespace Islet.Net;

/// <summary>Settings of a listener.</summary>
public sealed record TcpListenOptions
{
    /// <summary>Connections completed by the stack but not yet accepted, at most. Default 128.</summary>
    public int Backlog { get; init; } = 128;

    /// <summary>Disable Nagle's algorithm on accepted flows. Default true (request/response servers).</summary>
    public bool NoDelay { get; init; } = true;
}
