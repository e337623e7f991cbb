using Islet.Net.Ip;

namespace Islet.Net.Tcp;

/// <summary>
/// A listening endpoint of a <see cref="TcpLayer"/> (RFC 9293 LISTEN). Incoming SYNs create
/// half-open connections; once established they wait here for <see cref="TcpLayer.TryAccept"/>.
/// At most <see cref="Backlog"/> half-open connections and <see cref="Backlog"/> unaccepted
/// ones exist at a time; further SYNs are dropped (SYN-flood limit).
/// </summary>
public sealed class TcpListenerCore
{
    private readonly Queue<TcpConnection> _acceptQueue;

    internal TcpListenerCore(Ipv4Endpoint local, int backlog)
    {
        LocalEndpoint = local;
        Backlog = backlog;
        _acceptQueue = new Queue<TcpConnection>(backlog);
    }

    /// <summary>The bound address (possibly <see cref="Islet.Net.Wire.Ipv4Address.Any"/>) and port.</summary>
    public Ipv4Endpoint LocalEndpoint { get; }
    /// <summary>The bound on half-open and on unaccepted connections.</summary>
    public int Backlog { get; }
    /// <summary>Connections in SYN-RECEIVED.</summary>
    public int HalfOpen { get; internal set; }
    /// <summary>Established connections waiting to be accepted.</summary>
    public int Pending => _acceptQueue.Count;
    /// <summary>False once stopped; no further SYNs are taken.</summary>
    public bool IsListening { get; internal set; } = true;
    /// <summary><see cref="ITcpObserver.OnReadable"/> is called when a connection becomes acceptable.</summary>
    public ITcpObserver? Observer { get; set; }

    internal bool IsFull => HalfOpen >= Backlog || _acceptQueue.Count >= Backlog;

    internal void Enqueue(TcpConnection connection)
    {
        _acceptQueue.Enqueue(connection);
        Observer?.OnReadable();
    }

    internal bool TryDequeue(out TcpConnection connection) => _acceptQueue.TryDequeue(out connection!);
}
