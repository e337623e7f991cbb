using System.Net;
using Islet.Http.Internal;
using Islet.Net;

namespace Islet.Http;

/// <summary>
/// An HTTP/1.1 server: accepts TCP flows and serves each with an <see cref="HttpConnection"/>
/// calling one <see cref="IHttpHandler"/>.
/// </summary>
/// <remarks>
/// Runs on the event loop. <see cref="RunAsync"/> owns the listener: it stops accepting and
/// disposes it when the token is cancelled, lets idle connections close at once and busy
/// ones after their current responses, and completes when every connection has ended.
/// </remarks>
public sealed class HttpServer
{
    private readonly ITcpStack? _tcp;
    private readonly IPEndPoint? _endPoint;
    private readonly IHttpHandler _handler;
    private readonly HttpServerOptions _options;
    private readonly DateHeaderCache _dates = new();
    private readonly List<Task> _connections = [];
    private ITcpListener? _listener;

    /// <summary>A server on <paramref name="port"/> of every local address.</summary>
    public HttpServer(ITcpStack tcp, int port, IHttpHandler handler, HttpServerOptions? options = null)
        : this(tcp, new IPEndPoint(IPAddress.Any, port), handler, options)
    {
    }

    /// <summary>A server on <paramref name="endPoint"/>.</summary>
    public HttpServer(ITcpStack tcp, IPEndPoint endPoint, IHttpHandler handler, HttpServerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(tcp);
        ArgumentNullException.ThrowIfNull(endPoint);
        ArgumentNullException.ThrowIfNull(handler);
        _tcp = tcp;
        _endPoint = endPoint;
        _handler = handler;
        _options = options ?? HttpServerOptions.Default;
    }

    /// <summary>A server on a listener that already exists; the server takes ownership of it.</summary>
    public HttpServer(ITcpListener listener, IHttpHandler handler, HttpServerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(listener);
        ArgumentNullException.ThrowIfNull(handler);
        _listener = listener;
        _handler = handler;
        _options = options ?? HttpServerOptions.Default;
    }

    /// <summary>The bound address, once listening.</summary>
    public IPEndPoint? LocalEndPoint => _listener?.LocalEndPoint;

    /// <summary>Connections being served now.</summary>
    public int ActiveConnections
    {
        get
        {
            _connections.RemoveAll(static t => t.IsCompleted);
            return _connections.Count;
        }
    }

    /// <summary>
    /// Listens (when built with a stack), accepts and serves until <paramref name="cancellationToken"/>
    /// is cancelled or the listener is disposed, then waits for the connections to end.
    /// </summary>
    /// <exception cref="NetException">Listening or accepting failed (for example the port is in use).</exception>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        _listener ??= await _tcp!.ListenAsync(_endPoint!, null, cancellationToken).ConfigureAwait(true);
        var listener = _listener;
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                ITcpFlow? flow;
                try
                {
                    flow = await listener.AcceptAsync(cancellationToken).ConfigureAwait(true);
                }
                catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                {
                    break;
                }
                if (flow is null) break;
                _connections.RemoveAll(static t => t.IsCompleted);
                _connections.Add(ServeAsync(flow, cancellationToken));
            }
        }
        finally
        {
            await listener.DisposeAsync().ConfigureAwait(true);
            await Task.WhenAll(_connections).ConfigureAwait(true);
            _connections.Clear();
        }
    }

    private async Task ServeAsync(ITcpFlow flow, CancellationToken cancellationToken)
    {
        try
        {
            var connection = new HttpConnection(flow, _handler, _options, _dates);
            await connection.RunAsync(cancellationToken).ConfigureAwait(true);
        }
        finally
        {
            try
            {
                await flow.DisposeAsync().ConfigureAwait(true);
            }
            catch (Exception)
            {
                // The flow failed while closing: nothing is left to tell the peer.
            }
        }
    }
}
