using System.Buffers;
using System.Buffers.Binary;
using System.Net;
using Islet.Dns.Security;
using Islet.Dns.Server.Internal;
using Islet.Dns.Transfer;
using Islet.Dns.Update;
using Islet.Dns.Wire;
using DnsZone = Islet.Dns.Zone.Zone;

namespace Islet.Dns.Server;

public sealed partial class DnsServer
{
    /// <summary>
    /// Answers one received message on <paramref name="channel"/>. A response to a NOTIFY of ours
    /// stops its retransmission; any other response, and a message shorter than a header, gets
    /// nothing. An UPDATE goes to <see cref="UpdateService"/>, AXFR and IXFR to the transfer
    /// responder, an incoming NOTIFY is refused (this server is a primary), and everything else
    /// to the answerer (through the response cache, and over UDP the rate limiter).
    /// </summary>
    internal ValueTask HandleAsync(ReadOnlySequence<byte> message, IDnsReplyChannel channel)
    {
        MessageRoute route = Route(message, channel);
        return route switch
        {
            MessageRoute.Update => HandleUpdateAsync(message.ToArray(), channel),
            MessageRoute.Transfer => HandleTransferAsync(message.ToArray(), channel),
            MessageRoute.Query => AnswerAsync(message, channel),
            _ => default,
        };
    }

    /// <summary>What kind of message a datagram or frame is, from its header and question.</summary>
    internal enum MessageRoute
    {
        Query,
        Update,
        Transfer,
        Done,
    }

    /// <summary>Classifies <paramref name="message"/>; responses are consumed here (NOTIFY acknowledgements) and give <see cref="MessageRoute.Done"/>.</summary>
    internal MessageRoute Route(ReadOnlySequence<byte> message, IDnsReplyChannel channel)
    {
        if (message.Length < DnsHeader.Length)
            return MessageRoute.Query; // the answerer drops it and counts it
        Span<byte> header = stackalloc byte[DnsHeader.Length];
        message.Slice(0, DnsHeader.Length).CopyTo(header);
        int opcode = (header[2] >> 3) & 0xF;
        if ((header[2] & 0x80) != 0)
        {
            if (!(opcode == NotifyMessage.Opcode && channel.Transport == DnsTransport.Udp && _notify.Receive(message.ToArray(), channel.Remote)))
                Counters.Dropped++;
            return MessageRoute.Done;
        }
        if (opcode == DynamicUpdate.Opcode)
            return MessageRoute.Update;
        if (opcode == 0 && BinaryPrimitives.ReadUInt16BigEndian(header[4..]) == 1 && QuestionType(message) is DnsType.AXFR or DnsType.IXFR)
            return MessageRoute.Transfer;
        return MessageRoute.Query;
    }

    private static DnsType? QuestionType(ReadOnlySequence<byte> message)
    {
        if (message.IsSingleSegment)
            return QueryShape.FirstQuestionType(message.FirstSpan);
        Span<byte> head = stackalloc byte[(int)Math.Min(message.Length, 512)];
        message.Slice(0, head.Length).CopyTo(head);
        return QueryShape.FirstQuestionType(head);
    }

    private async ValueTask AnswerAsync(ReadOnlySequence<byte> message, IDnsReplyChannel channel)
    {
        int length = Answer(message, channel);
        if (length > 0)
            await channel.SendAsync(length).ConfigureAwait(true);
    }

    private int Answer(ReadOnlySequence<byte> message, IDnsReplyChannel channel)
    {
        if (message.IsSingleSegment)
            return Answer(message.FirstSpan, channel);
        byte[] copy = ArrayPool<byte>.Shared.Rent((int)message.Length);
        try
        {
            message.CopyTo(copy);
            return Answer(copy.AsSpan(0, (int)message.Length), channel);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(copy);
        }
    }

    private int Answer(ReadOnlySpan<byte> query, IDnsReplyChannel channel)
    {
        Span<byte> response = channel.GetBuffer();
        ResponseCache cache = channel.Transport == DnsTransport.Udp ? _udpCache : _tcpCache;
        if (cache.TryGet(query, response, out int length))
        {
            Counters.CacheHits++;
        }
        else
        {
            if (query.Length >= DnsHeader.Length && ((query[2] >> 3) & 0xF) == NotifyMessage.Opcode)
                return WriteNotifyRefusal(query, response);
            if (!_answerer.TryAnswer(query, response, response.Length, channel.Transport, out length))
            {
                Counters.Dropped++;
                return 0;
            }
            if (QueryShape.IsPlainQuery(query))
                cache.Add(query, response[..length]);
        }
        if (channel.Transport == DnsTransport.Udp)
        {
            if (_limiter is not null)
                length = RateLimit(response, length, channel.Remote);
            if (length > 0 && (response[2] & 0x02) != 0)
                Counters.Truncated++;
        }
        return length;
    }

    /// <summary>Applies the rate limiter to a UDP response: the length to send (0 to drop; a slip is rewritten in place).</summary>
    private int RateLimit(Span<byte> response, int length, IPEndPoint client)
    {
        DnsMessage parsed;
        try
        {
            parsed = DnsMessage.Parse(response[..length]);
        }
        catch (DnsFormatException)
        {
            return length;
        }
        switch (_limiter!.Decide(client.Address, parsed, overTcp: false, Loop.NowNanoseconds))
        {
            case ResponseRateLimiter.Decision.Drop:
                Counters.RateLimited++;
                return 0;
            case ResponseRateLimiter.Decision.Slip:
                Counters.RateLimited++;
                return DnsMessageWriter.Write(ResponseRateLimiter.CreateSlip(parsed), response);
            default:
                return length;
        }
    }

    private int WriteNotifyRefusal(ReadOnlySpan<byte> query, Span<byte> response)
    {
        try
        {
            return DnsMessageWriter.Write(NotifyMessage.RespondAsPrimary(DnsMessage.Parse(query)), response, 512);
        }
        catch (DnsFormatException)
        {
            Counters.Dropped++;
            return 0;
        }
    }

    /// <summary>
    /// One UPDATE, serialised with every other: checked and applied by <see cref="UpdateService"/>
    /// against the current zones, saved through the zone's persistence when it changed anything,
    /// then published (answers, journal, NOTIFY) and only then acknowledged. A failed save answers
    /// SERVFAIL (unsigned) and leaves the zone as it was.
    /// </summary>
    private async ValueTask HandleUpdateAsync(byte[] request, IDnsReplyChannel channel)
    {
        Counters.Updates++;
        byte[] response = ArrayPool<byte>.Shared.Rent(4096);
        await _updateGate.WaitAsync().ConfigureAwait(true);
        try
        {
            UpdateServiceResult result = _updates.Handle(request, _zones, Loop.UtcNow, response.AsSpan(0, 4096));
            int length = result.ResponseLength;
            if (result.NewZone is { } zone)
            {
                if (_options.Persistence.TryGetValue(zone.Origin, out var persistence))
                {
                    try
                    {
                        await persistence.SaveAsync(zone, result.Diff).ConfigureAwait(true);
                    }
                    catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidOperationException or ArgumentException)
                    {
                        Counters.UpdateSaveFailures++;
                        length = WriteFailure(request, response, DnsRcode.ServFail);
                        zone = null;
                    }
                }
                if (zone is not null)
                {
                    Counters.UpdatesApplied++;
                    Publish(zone, result.Diff);
                }
            }
            if (length > 0)
            {
                response.AsSpan(0, length).CopyTo(channel.GetBuffer());
                await channel.SendAsync(length).ConfigureAwait(true);
            }
        }
        finally
        {
            _updateGate.Release();
            ArrayPool<byte>.Shared.Return(response);
        }
    }

    /// <summary>A response with only the request's id, opcode and zone section and <paramref name="rcode"/>.</summary>
    private static int WriteFailure(byte[] request, byte[] response, int rcode)
    {
        IReadOnlyList<DnsQuestion> zone = [];
        try
        {
            zone = DnsMessage.Parse(request).Questions;
        }
        catch (DnsFormatException)
        {
        }
        var header = new DnsHeader
        {
            Id = BinaryPrimitives.ReadUInt16BigEndian(request),
            IsResponse = true,
            Opcode = (byte)((request[2] >> 3) & 0xF),
            Rcode = (byte)rcode,
        };
        return DnsMessageWriter.Write(new DnsMessage { Header = header, Questions = zone }, response, 512);
    }

    /// <summary>
    /// AXFR or IXFR: the client must be allowed by <see cref="DnsServerOptions.Transfers"/>, or
    /// sign the request with a known TSIG key, in which case every message of the transfer is
    /// signed (RFC 8945 §5.3.1). A request with a bad TSIG gets the TSIG error.
    /// </summary>
    private async ValueTask HandleTransferAsync(byte[] request, IDnsReplyChannel channel)
    {
        Counters.Transfers++;
        DnsMessage query;
        try
        {
            query = DnsMessage.Parse(request);
        }
        catch (DnsFormatException)
        {
            await AnswerAsync(new ReadOnlySequence<byte>(request), channel).ConfigureAwait(true);
            return;
        }
        TsigVerification tsig = TsigVerifier.VerifyRequest(request, _options.Keys, Loop.UtcNow);
        if (tsig.Status != TsigStatus.Unsigned && tsig.Status != TsigStatus.Valid)
        {
            Counters.TransfersRefused++;
            int errorLength = WriteTsigFailure(request, channel, tsig);
            if (errorLength > 0)
                await channel.SendAsync(errorLength).ConfigureAwait(true);
            return;
        }
        DnsZone? zone = _zones.FirstOrDefault(z => query.Questions[0].Name == z.Origin);
        ZoneTransferResponder responder = tsig.Status == TsigStatus.Valid ? _signedTransfers : _transfers;
        ZoneTransferResponse response = zone is null
            ? responder.Respond(query, _zones[0], null, Transport(channel), channel.Remote.Address)
            : responder.Respond(query, zone, _journals[zone.Origin], Transport(channel), channel.Remote.Address);
        if (response.Kind == ZoneTransferKind.Error)
            Counters.TransfersRefused++;
        TsigStreamSigner? signer = tsig.Status == TsigStatus.Valid ? new TsigStreamSigner(tsig) : null;
        if (signer is not null)
            response.TrailerReserve = 512;
        while (true)
        {
            int length = NextTransferMessage(response, signer, channel);
            if (length <= 0)
                break;
            await channel.SendAsync(length).ConfigureAwait(true);
        }
    }

    private int NextTransferMessage(ZoneTransferResponse response, TsigStreamSigner? signer, IDnsReplyChannel channel)
    {
        Span<byte> buffer = channel.GetBuffer();
        if (!response.TryWriteNext(buffer, out int length))
            return 0;
        if (signer is not null && !signer.TrySign(buffer, length, Loop.UtcNow, out length))
            return 0;
        return length;
    }

    /// <summary>NOTAUTH with the TSIG error for a transfer request whose TSIG failed (unsigned for BADKEY and BADSIG, RFC 8945 §5.3.2).</summary>
    private int WriteTsigFailure(byte[] request, IDnsReplyChannel channel, TsigVerification tsig)
    {
        Span<byte> buffer = channel.GetBuffer();
        byte[] scratch = new byte[512];
        int length = WriteFailure(request, scratch, DnsRcode.NotAuth);
        scratch.AsSpan(0, length).CopyTo(buffer);
        return TsigSigner.TrySignResponse(buffer, length, tsig, Loop.UtcNow, out int written) ? written : length;
    }

    private static TransferTransport Transport(IDnsReplyChannel channel) =>
        channel.Transport == DnsTransport.Udp ? TransferTransport.Udp : TransferTransport.Tcp;
}
