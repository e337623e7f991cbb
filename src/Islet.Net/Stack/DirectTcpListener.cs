using System.Net;
using Islet.Net.Tcp;

namespace Islet.Net.Stack;

/// <summary>A listener of Islet's own TCP: accepts completed handshakes from the layer's queue.</summary>
internal sealed class DirectTcpListener : ITcpListener, ITcpObserver
{
    private readonly TcpLayer _tcp;
    private readonly TcpListenerCore _core;
    private readonly StackDriver _driver;
    private readonly Events.AsyncSignal _pending = new();
    private bool _disposed;

    private readonly bool _noDelay;

    public DirectTcpListener(TcpLayer tcp, TcpListenerCore core, StackDriver driver, bool noDelay)
    {
        _noDelay = noDelay;
        _tcp = tcp;
        _core = core;
        _driver = driver;
        core.Observer = this;
        LocalEndPoint = EndPoints.ToIPEndPoint(core.LocalEndpoint);
    }

    public IPEndPoint LocalEndPoint { get; }

    public async ValueTask<ITcpFlow?> AcceptAsync(CancellationToken cancellationToken = default)
    {
        using var registration = cancellationToken.CanBeCanceled
            ? cancellationToken.Register(static s => ((Events.AsyncSignal)s!).Set(), _pending)
            : default;
        while (!_disposed)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (_tcp.TryAccept(_core, out var connection))
            {
                connection.NoDelay = _noDelay;
                return new DirectTcpFlow(connection, _driver);
            }
            await _pending.WaitAsync();
        }
        return null;
    }

    void ITcpObserver.OnReadable() => _pending.Set();
    void ITcpObserver.OnWritable() { }
    void ITcpObserver.OnStateChanged() => _pending.Set();

    public ValueTask DisposeAsync()
    {
        if (_disposed) return default;
        _disposed = true;
        _tcp.StopListening(_core);
        _pending.Set();
        _driver.RequestPoll();
        return default;
    }
}
