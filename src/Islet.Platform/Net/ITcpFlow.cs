using System.IO.Pipelines;
using System.Net;

namespace Islet.Net;

/// <summary>
/// One TCP connection, as a pair of pipes.
/// </summary>
/// <remarks>
/// <para>Reading: <see cref="IDuplexPipe.Input"/> yields the bytes the peer sent. It completes
/// normally when the peer closes its sending side (FIN) and with a <see cref="NetException"/>
/// (<see cref="NetError.Reset"/>, <see cref="NetError.TimedOut"/>) when the connection fails.
/// Not reading is backpressure: the stack stops accepting data and the peer's window closes.</para>
/// <para>Writing: bytes flushed to <see cref="IDuplexPipe.Output"/> are sent in order.
/// Completing the output sends FIN after every flushed byte (half-close); the input stays
/// open until the peer closes. A flush waits while too much is unsent.</para>
/// <para>Disposal closes both directions gracefully; <see cref="Abort"/> resets instead.</para>
/// </remarks>
public interface ITcpFlow : IDuplexPipe, IAsyncDisposable
{
    /// <summary>This end of the connection.</summary>
    IPEndPoint LocalEndPoint { get; }

    /// <summary>The peer's end of the connection.</summary>
    IPEndPoint RemoteEndPoint { get; }

    /// <summary>Resets the connection at once (RST), discarding unsent data.</summary>
    void Abort();

    /// <summary>A <see cref="Stream"/> over the two pipes, for APIs that want one. Disposing it disposes the flow.</summary>
    Stream AsStream();
}
