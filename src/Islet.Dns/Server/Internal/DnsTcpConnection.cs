using System.Buffers;
using System.Buffers.Binary;
using System.IO.Pipelines;
using System.Net;
using Islet.Events;
using Islet.Net;

namespace Islet.Dns.Server.Internal;

/// <summary>
/// One client's TCP connection (RFC 7766): reads length-prefixed queries and answers each in
/// the order received, without waiting for the client between them (pipelining: every query
/// already in the buffer is answered, then the responses go out in one flush). The connection
/// closes when the client closes its side, when no complete query arrives within the idle
/// timeout, when a length prefix is zero or the stream ends inside a message, when the server
/// evicts it, or at shutdown.
/// </summary>
internal sealed class DnsTcpConnection : IDnsReplyChannel
{
    private static readonly Action<object?> s_onTimer = static state => ((DnsTcpConnection)state!).Stop(timedOut: true);

    private readonly ITcpFlow _flow;
    private readonly DnsServer _server;
    private readonly EventLoop _loop;
    private readonly TimeSpan _idleTimeout;
    private bool _timedOut;
    private bool _stopping;
    private int _unflushed;

    public DnsTcpConnection(ITcpFlow flow, DnsServer server, EventLoop loop, TimeSpan idleTimeout)
    {
        _flow = flow;
        _server = server;
        _loop = loop;
        _idleTimeout = idleTimeout;
        LastActivity = loop.NowNanoseconds;
    }

    public DnsTransport Transport => DnsTransport.Tcp;

    public IPEndPoint Remote => _flow.RemoteEndPoint;

    /// <summary>When a complete query last arrived (loop nanoseconds).</summary>
    public long LastActivity { get; private set; }

    /// <summary>True once <see cref="RunAsync"/> has finished.</summary>
    public bool Ended { get; private set; }

    /// <summary>True while a query is being answered; such a connection is not evicted.</summary>
    public bool Busy { get; private set; }

    /// <summary>The server's one TCP scratch buffer: every handler writes a response there and
    /// sends it before it awaits anything, and <see cref="SendAsync"/> copies it out first thing,
    /// so connections never see each other's bytes.</summary>
    public Span<byte> GetBuffer() => _server.TcpScratch;

    public async ValueTask SendAsync(int length)
    {
        Span<byte> frame = _flow.Output.GetSpan(2 + length);
        BinaryPrimitives.WriteUInt16BigEndian(frame, checked((ushort)length));
        _server.TcpScratch.AsSpan(0, length).CopyTo(frame[2..]);
        _flow.Output.Advance(2 + length);
        _unflushed += 2 + length;
        _server.Counters.Responses++;
        if (_unflushed >= 32 * 1024)
            await FlushAsync().ConfigureAwait(true);
    }

    /// <summary>Asks the connection to close as soon as it is not answering a query.</summary>
    public void Stop(bool timedOut = false)
    {
        _timedOut |= timedOut;
        _stopping = true;
        _flow.Input.CancelPendingRead();
    }

    /// <summary>Serves the connection until it ends; never throws.</summary>
    public async Task RunAsync()
    {
        using var timer = new LoopTimer(_loop, s_onTimer, this);
        try
        {
            await ServeAsync(timer).ConfigureAwait(true);
        }
        catch (Exception)
        {
            // Reset, timeout or a failed write: this connection is over and no other is affected.
        }
        finally
        {
            Ended = true;
            if (_timedOut)
                _server.Counters.TcpIdleClosed++;
            try
            {
                await _flow.DisposeAsync().ConfigureAwait(true);
            }
            catch (Exception)
            {
                // The flow failed while closing: nothing is left to tell the peer.
            }
        }
    }

    private async Task ServeAsync(LoopTimer timer)
    {
        PipeReader input = _flow.Input;
        while (!_stopping)
        {
            timer.Arm(_idleTimeout);
            ReadResult result = await input.ReadAsync().ConfigureAwait(true);
            timer.Disarm();
            if (_stopping)
                return;
            ReadOnlySequence<byte> buffer = result.Buffer;
            if (result.IsCanceled)
            {
                input.AdvanceTo(buffer.Start);
                continue;
            }
            while (TryTakeFrame(ref buffer, out ReadOnlySequence<byte> frame))
            {
                LastActivity = _loop.NowNanoseconds;
                _server.Counters.TcpQueries++;
                Busy = true;
                try
                {
                    await _server.HandleAsync(frame, this).ConfigureAwait(true);
                }
                finally
                {
                    Busy = false;
                }
            }
            input.AdvanceTo(buffer.Start, buffer.End);
            if (_unflushed > 0)
                await FlushAsync().ConfigureAwait(true);
            if (result.IsCompleted || IsBadPrefix(buffer))
            {
                if (!buffer.IsEmpty)
                    _server.Counters.TcpFramingErrors++;
                return;
            }
        }
    }

    private async ValueTask FlushAsync()
    {
        _unflushed = 0;
        await _flow.Output.FlushAsync().ConfigureAwait(true);
    }

    private static bool IsBadPrefix(ReadOnlySequence<byte> buffer)
    {
        if (buffer.Length < 2)
            return false;
        Span<byte> prefix = stackalloc byte[2];
        buffer.Slice(0, 2).CopyTo(prefix);
        return prefix[0] == 0 && prefix[1] == 0;
    }

    private static bool TryTakeFrame(ref ReadOnlySequence<byte> buffer, out ReadOnlySequence<byte> frame)
    {
        frame = default;
        if (buffer.Length < 2 || IsBadPrefix(buffer))
            return false;
        Span<byte> prefix = stackalloc byte[2];
        buffer.Slice(0, 2).CopyTo(prefix);
        int length = BinaryPrimitives.ReadUInt16BigEndian(prefix);
        if (buffer.Length < 2 + length)
            return false;
        frame = buffer.Slice(2, length);
        buffer = buffer.Slice(2 + length);
        return true;
    }
}
