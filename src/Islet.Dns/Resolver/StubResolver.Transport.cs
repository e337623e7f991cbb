using System.Buffers;
using System.Buffers.Binary;
using System.IO.Pipelines;
using System.Net;
using System.Net.Sockets;
using Islet.Dns.Resolver.Internal;
using Islet.Dns.Wire;
using Islet.Events;
using Islet.Net;

namespace Islet.Dns.Resolver;

public sealed partial class StubResolver
{
    /// <summary>One UDP query to <paramref name="server"/> from a fresh port, waiting at most the
    /// timeout for a datagram that <see cref="PendingQuery.Check"/> accepts.</summary>
    private async Task<AttemptOutcome> UdpAttemptAsync(IPEndPoint server, DnsQuestion question, EventLoop loop, ushort ednsPayloadSize)
    {
        var pending = new PendingQuery(question, NewId(), ednsPayloadSize);
        byte[] buffer = new byte[Math.Max(512, (int)ednsPayloadSize)];
        int length = pending.WriteQuery(buffer);
        using var deadline = new AttemptDeadline(loop, _options.Timeout, CancellationToken.None);
        try
        {
            var any = new IPEndPoint(server.AddressFamily == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Any : IPAddress.Any, 0);
            IUdpSocket socket = await _stack.Udp.BindAsync(any, deadline.Token).ConfigureAwait(true);
            await using (socket.ConfigureAwait(true))
            {
                await socket.SendAsync(buffer.AsMemory(0, length), server, deadline.Token).ConfigureAwait(true);
                while (true)
                {
                    UdpReceived received = await socket.ReceiveAsync(buffer, deadline.Token).ConfigureAwait(true);
                    if (!received.RemoteEndPoint.Equals(server))
                        continue;
                    ReadOnlySpan<byte> datagram = buffer.AsSpan(0, received.Length);
                    ResponseVerdict verdict = pending.Check(datagram, out DnsMessage? message);
                    if (received.Truncated && (verdict != ResponseVerdict.Ignore || IsOurs(datagram, pending.Id)))
                        return AttemptOutcome.TruncatedAnswer; // larger than we asked for: TCP will carry it whole
                    switch (verdict)
                    {
                        case ResponseVerdict.Accept:
                            return AttemptOutcome.Answered(message!);
                        case ResponseVerdict.Truncated:
                            return AttemptOutcome.TruncatedAnswer;
                    }
                }
            }
        }
        catch (OperationCanceledException) when (deadline.Expired)
        {
            return AttemptOutcome.Failed(DnsResolveError.Timeout, $"{server} did not answer over UDP within {_options.Timeout.TotalSeconds:0.###} s");
        }
        catch (NetException e)
        {
            return AttemptOutcome.Failed(DnsResolveError.NetworkError, $"{server} over UDP: {e.Message}");
        }
    }

    /// <summary>The same question over TCP after a truncated UDP answer (RFC 7766 §8: each message
    /// prefixed with its 2-byte length), within the same per-attempt timeout.</summary>
    private async Task<AttemptOutcome> TcpAttemptAsync(IPEndPoint server, DnsQuestion question, EventLoop loop, ushort ednsPayloadSize)
    {
        var pending = new PendingQuery(question, NewId(), ednsPayloadSize);
        byte[] query = new byte[2 + 512 + question.Name.WireLength];
        int length = pending.WriteQuery(query.AsSpan(2));
        BinaryPrimitives.WriteUInt16BigEndian(query, (ushort)length);
        using var deadline = new AttemptDeadline(loop, _options.Timeout, CancellationToken.None);
        try
        {
            ITcpFlow flow = await _stack.Tcp.ConnectAsync(server, deadline.Token).ConfigureAwait(true);
            await using (flow.ConfigureAwait(true))
            {
                await flow.Output.WriteAsync(query.AsMemory(0, 2 + length), deadline.Token).ConfigureAwait(true);
                while (true)
                {
                    byte[]? response = await ReadFramedAsync(flow.Input, deadline.Token).ConfigureAwait(true);
                    if (response is null)
                        return AttemptOutcome.Failed(DnsResolveError.NetworkError, $"{server} closed the TCP connection without an answer");
                    switch (pending.Check(response, out DnsMessage? message))
                    {
                        case ResponseVerdict.Accept:
                            return AttemptOutcome.Answered(message!);
                        case ResponseVerdict.Truncated:
                            return AttemptOutcome.Failed(DnsResolveError.ServerFailure, $"{server} sent a truncated answer over TCP");
                    }
                }
            }
        }
        catch (OperationCanceledException) when (deadline.Expired)
        {
            return AttemptOutcome.Failed(DnsResolveError.Timeout, $"{server} did not answer over TCP within {_options.Timeout.TotalSeconds:0.###} s");
        }
        catch (NetException e)
        {
            return AttemptOutcome.Failed(DnsResolveError.NetworkError, $"{server} over TCP: {e.Message}");
        }
    }

    /// <summary>Reads one length-prefixed message; null when the peer closes first.</summary>
    private static async Task<byte[]?> ReadFramedAsync(PipeReader input, CancellationToken cancellationToken)
    {
        while (true)
        {
            ReadResult result = await input.ReadAsync(cancellationToken).ConfigureAwait(true);
            ReadOnlySequence<byte> buffer = result.Buffer;
            if (TryTakeFrame(buffer, out byte[]? frame, out SequencePosition consumed))
            {
                input.AdvanceTo(consumed);
                return frame;
            }
            if (result.IsCompleted)
            {
                input.AdvanceTo(buffer.End);
                return null;
            }
            input.AdvanceTo(buffer.Start, buffer.End);
        }
    }

    private static bool TryTakeFrame(ReadOnlySequence<byte> buffer, out byte[]? frame, out SequencePosition consumed)
    {
        frame = null;
        consumed = buffer.Start;
        var reader = new SequenceReader<byte>(buffer);
        if (!reader.TryReadBigEndian(out short prefix) || reader.Remaining < (ushort)prefix)
            return false;
        frame = buffer.Slice(2, (ushort)prefix).ToArray();
        consumed = buffer.GetPosition(2 + (ushort)prefix);
        return true;
    }

    private static bool IsOurs(ReadOnlySpan<byte> datagram, ushort id) =>
        datagram.Length >= DnsHeader.Length && BinaryPrimitives.ReadUInt16BigEndian(datagram) == id && (datagram[2] & 0x80) != 0;
}
