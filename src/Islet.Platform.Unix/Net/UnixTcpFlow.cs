using System.IO.Pipelines;
using System.Net;
using System.Net.Sockets;
using Islet.Events;
using Islet.Net;

namespace Islet.Platform.Unix.Net;

/// <summary>
/// A TCP connection over a host socket, pumped by the event loop: a receive pump fills the
/// input pipe while the application keeps up, a send pump drains the output pipe into the
/// socket. Both use non-blocking calls and wait on epoll edges, never on threads.
/// </summary>
internal sealed class UnixTcpFlow : ITcpFlow
{
    private const int MinimumReceiveBuffer = 4096;

    private static readonly PipeOptions s_pipeOptions = new(
        readerScheduler: PipeScheduler.Inline,
        writerScheduler: PipeScheduler.Inline,
        pauseWriterThreshold: 256 * 1024,
        resumeWriterThreshold: 128 * 1024,
        useSynchronizationContext: false);

    private readonly Socket _socket;
    private readonly FdReadiness _readiness;
    private readonly Pipe _input = new(s_pipeOptions);
    private readonly Pipe _output = new(s_pipeOptions);
    private readonly Task _receiving;
    private readonly Task _sending;
    private bool _closing;
    private bool _disposed;

    public UnixTcpFlow(EventLoop loop, Socket socket)
    {
        _socket = socket;
        LocalEndPoint = (IPEndPoint)socket.LocalEndPoint!;
        RemoteEndPoint = (IPEndPoint)socket.RemoteEndPoint!;
        _readiness = FdReadiness.ForSocket(loop, socket);
        _receiving = ReceiveAsync();
        _sending = SendAsync();
    }

    public PipeReader Input => _input.Reader;

    public PipeWriter Output => _output.Writer;

    public IPEndPoint LocalEndPoint { get; }

    public IPEndPoint RemoteEndPoint { get; }

    public Stream AsStream() => new DuplexPipeStream(this, this);

    private async Task ReceiveAsync()
    {
        var writer = _input.Writer;
        Exception? failure = null;
        try
        {
            while (!_closing)
            {
                var memory = writer.GetMemory(MinimumReceiveBuffer);
                int n = _socket.Receive(memory.Span, SocketFlags.None, out var error);
                if (error == SocketError.WouldBlock)
                {
                    await _readiness.Readable.WaitAsync().ConfigureAwait(false);
                    continue;
                }
                if (error != SocketError.Success)
                {
                    failure = SocketErrors.ToNetException(error);
                    break;
                }
                if (n == 0) break; // FIN from the peer
                writer.Advance(n);
                var flush = await writer.FlushAsync().ConfigureAwait(false);
                if (flush.IsCompleted || flush.IsCanceled) break; // the application stopped reading
            }
        }
        catch (Exception e)
        {
            failure = e;
        }
        await writer.CompleteAsync(failure).ConfigureAwait(false);
    }

    private async Task SendAsync()
    {
        var reader = _output.Reader;
        Exception? failure = null;
        try
        {
            while (true)
            {
                var result = await reader.ReadAsync().ConfigureAwait(false);
                var buffer = result.Buffer;
                var remaining = buffer;
                while (!remaining.IsEmpty)
                {
                    int n = _socket.Send(remaining.First.Span, SocketFlags.None, out var error);
                    if (error == SocketError.WouldBlock)
                    {
                        await _readiness.Writable.WaitAsync().ConfigureAwait(false);
                        continue;
                    }
                    if (error != SocketError.Success) throw SocketErrors.ToNetException(error);
                    remaining = remaining.Slice(n);
                }
                reader.AdvanceTo(buffer.End);
                if (result.IsCanceled) break; // Abort: no FIN, the socket is being reset
                if (result.IsCompleted)
                {
                    _socket.Shutdown(SocketShutdown.Send); // FIN after every flushed byte
                    break;
                }
            }
        }
        catch (Exception e)
        {
            failure = e;
        }
        await reader.CompleteAsync(failure).ConfigureAwait(false);
    }

    public void Abort()
    {
        if (_disposed) return;
        _socket.LingerState = new LingerOption(true, 0);
        var reset = new NetException(NetError.Closed, "connection aborted locally");
        _readiness.Readable.Fail(reset);
        _readiness.Writable.Fail(reset);
        _closing = true;
        _output.Reader.CancelPendingRead();
        Close();
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposed) return;
        await _output.Writer.CompleteAsync().ConfigureAwait(false);
        await _sending.ConfigureAwait(false);
        _closing = true;
        await _input.Reader.CompleteAsync().ConfigureAwait(false);
        _readiness.Readable.Set(); // let a waiting receive pump see _closing
        await _receiving.ConfigureAwait(false);
        Close();
    }

    private void Close()
    {
        if (_disposed) return;
        _disposed = true;
        _readiness.Dispose();
        _socket.Dispose();
    }
}
