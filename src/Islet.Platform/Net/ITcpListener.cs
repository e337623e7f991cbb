using System.Net;

namespace Islet.Net;

/// <summary>
/// A listening TCP port (the shape of Kestrel's <c>IConnectionListener</c>).
/// </summary>
public interface ITcpListener : IAsyncDisposable
{
    /// <summary>The address and port bound, as the application sees it.</summary>
    IPEndPoint LocalEndPoint { get; }

    /// <summary>
    /// Waits for the next established connection. Returns null once the listener has been
    /// disposed (the orderly way for an accept loop to end).
    /// </summary>
    ValueTask<ITcpFlow?> AcceptAsync(CancellationToken cancellationToken = default);
}
