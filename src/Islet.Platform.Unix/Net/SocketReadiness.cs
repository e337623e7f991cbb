using System.Net.Sockets;
using Islet.Events;

namespace Islet.Platform.Unix.Net;

/// <summary>
/// Connects a non-blocking socket to the event loop's poller: readiness edges become
/// <see cref="Readable"/> and <see cref="Writable"/> signals that a pump awaits.
/// </summary>
internal sealed class SocketReadiness : IReadinessHandler, IDisposable
{
    private readonly EventLoop _loop;
    private int _token = -1;

    public SocketReadiness(EventLoop loop, Socket socket)
    {
        _loop = loop;
        socket.Blocking = false;
        _token = loop.Poller.Register((int)socket.Handle, this);
    }

    /// <summary>Set when the socket may have data, a connection or EOF to read.</summary>
    public AsyncSignal Readable { get; } = new();

    /// <summary>Set when the socket may accept more bytes.</summary>
    public AsyncSignal Writable { get; } = new();

    public void OnReadiness(Readiness readiness)
    {
        if ((readiness & Readiness.Readable) != 0) Readable.Set();
        if ((readiness & Readiness.Writable) != 0) Writable.Set();
    }

    /// <summary>Stops delivery; must be called before the socket is closed.</summary>
    public void Dispose()
    {
        if (_token < 0) return;
        _loop.Poller.Unregister(_token);
        _token = -1;
    }
}
