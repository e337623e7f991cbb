using System.IO.Pipelines;
using System.Net;
using Islet.Net.Tcp;

namespace Islet.Net.Stack;

/// <summary>
/// A TCP connection of Islet's own stack as an <see cref="ITcpFlow"/>: moves bytes between the
/// application's pipes and the connection's bounded buffers. The receive window is the free
/// space of the connection's buffer, so an application that stops reading closes the window.
/// </summary>
internal sealed class DirectTcpFlow : ITcpFlow, ITcpObserver
{
    private static readonly PipeOptions s_pipeOptions = new(
        readerScheduler: PipeScheduler.Inline,
        writerScheduler: PipeScheduler.Inline,
        pauseWriterThreshold: 128 * 1024,
        resumeWriterThreshold: 64 * 1024,
        useSynchronizationContext: false);

    private readonly TcpConnection _connection;
    private readonly StackDriver _driver;
    private readonly Pipe _input = new(s_pipeOptions);
    private readonly Pipe _output = new(s_pipeOptions);
    private readonly Events.AsyncSignal _readable = new();
    private readonly Events.AsyncSignal _writable = new();
    private readonly Events.AsyncSignal _established = new();
    private bool _closing;
    private readonly Task _receiving;
    private readonly Task _sending;
    private bool _disposed;

    public DirectTcpFlow(TcpConnection connection, StackDriver driver)
    {
        _connection = connection;
        _driver = driver;
        connection.Observer = this;
        LocalEndPoint = EndPoints.ToIPEndPoint(connection.LocalEndpoint);
        RemoteEndPoint = EndPoints.ToIPEndPoint(connection.RemoteEndpoint);
        _receiving = ReceiveAsync();
        _sending = SendAsync();
    }

    internal TcpConnection Connection => _connection;

    public PipeReader Input => _input.Reader;
    public PipeWriter Output => _output.Writer;
    public IPEndPoint LocalEndPoint { get; }
    public IPEndPoint RemoteEndPoint { get; }

    public Stream AsStream() => new DuplexPipeStream(this, this);

    void ITcpObserver.OnReadable() => _readable.Set();
    void ITcpObserver.OnWritable() => _writable.Set();
    void ITcpObserver.OnStateChanged()
    {
        _readable.Set();
        _writable.Set();
        _established.Set();
    }

    /// <summary>Connection buffer to input pipe, while the application keeps up.</summary>
    private async Task ReceiveAsync()
    {
        var writer = _input.Writer;
        Exception? failure = null;
        try
        {
            while (true)
            {
                int available = _connection.ReadableBytes;
                if (available > 0)
                {
                    var span = writer.GetSpan(Math.Min(available, 16 * 1024));
                    int n = _connection.Receive(span);
                    writer.Advance(n);
                    _driver.RequestPoll(); // the window opened: let the stack say so
                    var flush = await writer.FlushAsync();
                    if (flush.IsCompleted) break;
                    continue;
                }
                if (_connection.ReceiveFinished || _closing) break;
                if (_connection.Error is { } error)
                {
                    failure = new NetException(error);
                    break;
                }
                await _readable.WaitAsync();
            }
        }
        catch (Exception e)
        {
            failure = e;
        }
        await writer.CompleteAsync(failure);
    }

    /// <summary>Output pipe to connection buffer, as space frees up.</summary>
    private async Task SendAsync()
    {
        var reader = _output.Reader;
        Exception? failure = null;
        try
        {
            while (true)
            {
                var result = await reader.ReadAsync();
                var buffer = result.Buffer;
                while (!buffer.IsEmpty)
                {
                    if (_connection.Error is { } error) throw new NetException(error);
                    int n = _connection.Send(buffer.First.Span);
                    if (n == 0)
                    {
                        await _writable.WaitAsync();
                        continue;
                    }
                    buffer = buffer.Slice(n);
                    _driver.RequestPoll();
                }
                reader.AdvanceTo(result.Buffer.End);
                if (result.IsCompleted || result.IsCanceled)
                {
                    if (!result.IsCanceled) _connection.Close(); // FIN after everything queued
                    _driver.RequestPoll();
                    break;
                }
            }
        }
        catch (Exception e)
        {
            failure = e;
        }
        await reader.CompleteAsync(failure);
    }

    public void Abort()
    {
        if (_disposed) return;
        _connection.Abort();
        _output.Reader.CancelPendingRead();
        _driver.RequestPoll();
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposed) return;
        await _output.Writer.CompleteAsync();
        await _sending;
        _closing = true;
        await _input.Reader.CompleteAsync();
        _readable.Set();
        await _receiving;
        _disposed = true;
    }

    /// <summary>Completes when the handshake is done; throws <see cref="NetException"/> (Refused, TimedOut, Reset) when it fails.</summary>
    public async Task WaitEstablishedAsync(CancellationToken cancellationToken)
    {
        using var registration = cancellationToken.CanBeCanceled
            ? cancellationToken.Register(static s => ((Events.AsyncSignal)s!).Set(), _established)
            : default;
        while (true)
        {
            if (_connection.Error is { } error) throw new NetException(error);
            if (_connection.State is not (TcpState.SynSent or TcpState.SynReceived)) return;
            if (cancellationToken.IsCancellationRequested)
            {
                _connection.Abort();
                _driver.RequestPoll();
                cancellationToken.ThrowIfCancellationRequested();
            }
            await _established.WaitAsync();
        }
    }
}
