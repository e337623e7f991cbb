using System.Buffers;
using Islet.Dns.Server.Internal;

namespace Islet.Dns.Server;

public sealed partial class DnsServer
{
    /// <summary>Answers one received message on <paramref name="channel"/>: nothing for a message
    /// shorter than a header or a response (QR set), else the answerer's response.</summary>
    internal async ValueTask HandleAsync(ReadOnlySequence<byte> message, IDnsReplyChannel channel)
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
            if (!_answerer.TryAnswer(query, response, response.Length, channel.Transport, out length))
            {
                Counters.Dropped++;
                return 0;
            }
            if (QueryShape.IsPlainQuery(query))
                cache.Add(query, response[..length]);
        }
        if (channel.Transport == DnsTransport.Udp && (response[2] & 0x02) != 0)
            Counters.Truncated++;
        return length;
    }
}
