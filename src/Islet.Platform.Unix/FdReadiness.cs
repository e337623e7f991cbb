using System.Net.Sockets;
using Islet.Events;

namespace Islet.Platform.Unix;

/// <summary>
/// Connects a non-blocking file descriptor (socket, TAP) to the event loop's poller: readiness
/// edges become <see cref="Readable"/> and <see cref="Writable"/> signals that a pump awaits.
/// </summary>
internal sealed class FdReadiness : IReadinessHandler, IDisposable
{
    private readonly EventLoop _loop;
    private int _token;

    /// <summary>Registers <paramref name="fd"/>, which the caller has made non-blocking.</summary>
    public FdReadiness(EventLoop loop, int fd)
    {
        _loop = loop;
        _token = loop.Poller.Register(fd, this);
    }

    /// <summary>Makes <paramref name="socket"/> non-blocking and registers it.</summary>
    public static FdReadiness ForSocket(EventLoop loop, Socket socket)
    {
        socket.Blocking = false;
        return new FdReadiness(loop, (int)socket.Handle);
    }

    /// <summary>Set when the descriptor may have something to read (data, a connection, EOF).</summary>
    public AsyncSignal Readable { get; } = new();

    /// <summary>Set when the descriptor may accept more bytes.</summary>
    public AsyncSignal Writable { get; } = new();

    /// <summary>The events a parked waiter wants: what a level-triggered poller watches.</summary>
    public Readiness Interest =>
        (Readable.IsWaiting ? Readiness.Readable : Readiness.None) | (Writable.IsWaiting ? Readiness.Writable : Readiness.None);

    public void OnReadiness(Readiness readiness)
    {
        if ((readiness & Readiness.Readable) != 0) Readable.Set();
        if ((readiness & Readiness.Writable) != 0) Writable.Set();
    }

    /// <summary>Stops delivery; must be called before the descriptor is closed.</summary>
    public void Dispose()
    {
        if (_token < 0) return;
        _loop.Poller.Unregister(_token);
        _token = -1;
    }
}
