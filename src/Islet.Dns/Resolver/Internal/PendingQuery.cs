using System.Buffers.Binary;
using Islet.Dns.Wire;

namespace Islet.Dns.Resolver.Internal;

/// <summary>
/// The sans-IO core of one query: builds the request and judges each datagram that arrives for it.
/// A datagram is the response only if its id is ours, QR is set, the opcode is QUERY and it echoes
/// our one question (name compared case-insensitively, RFC 4343; type and class exactly). Anything
/// else is ignored, never an error (RFC 5452 §9.1's checks, minus the address, which the transport
/// checks).
/// </summary>
internal sealed class PendingQuery(DnsQuestion question, ushort id, ushort ednsPayloadSize)
{
    /// <summary>The question asked.</summary>
    internal DnsQuestion Question { get; } = question;

    /// <summary>The random query id.</summary>
    internal ushort Id { get; } = id;

    /// <summary>Writes the query (RD set; an OPT record when the payload size is not 0) and returns its length.</summary>
    internal int WriteQuery(Span<byte> destination)
    {
        var message = new DnsMessage
        {
            Header = new DnsHeader { Id = Id, RecursionDesired = true },
            Questions = [Question],
            Edns = ednsPayloadSize == 0 ? null : new DnsEdns { UdpPayloadSize = ednsPayloadSize },
        };
        return DnsMessageWriter.Write(message, destination, destination.Length);
    }

    /// <summary>Judges one datagram (or one TCP message). <paramref name="message"/> is the parsed
    /// response when the verdict is <see cref="ResponseVerdict.Accept"/>, and when it is
    /// <see cref="ResponseVerdict.Truncated"/> and the partial message parsed.</summary>
    internal ResponseVerdict Check(ReadOnlySpan<byte> datagram, out DnsMessage? message)
    {
        message = null;
        if (datagram.Length < DnsHeader.Length
            || BinaryPrimitives.ReadUInt16BigEndian(datagram) != Id
            || (datagram[2] & 0x80) == 0           // QR
            || ((datagram[2] >> 3) & 0xF) != 0)    // OPCODE
            return ResponseVerdict.Ignore;
        bool truncated = (datagram[2] & 0x02) != 0;
        try
        {
            message = DnsMessage.Parse(datagram);
        }
        catch (DnsFormatException)
        {
            // A cut-off datagram with TC set and our question is still the server telling us to use TCP.
            return truncated && EchoesQuestion(datagram) ? ResponseVerdict.Truncated : ResponseVerdict.Ignore;
        }
        if (message.Questions.Count != 1 || !SameQuestion(message.Questions[0]))
        {
            message = null;
            return ResponseVerdict.Ignore;
        }
        return truncated ? ResponseVerdict.Truncated : ResponseVerdict.Accept;
    }

    private bool SameQuestion(DnsQuestion echoed) =>
        echoed.Type == Question.Type && echoed.Class == Question.Class && echoed.Name == Question.Name;

    private bool EchoesQuestion(ReadOnlySpan<byte> datagram)
    {
        try
        {
            var reader = new DnsMessageReader(datagram);
            return reader.ReadHeader().QuestionCount == 1 && SameQuestion(reader.ReadQuestion());
        }
        catch (DnsFormatException)
        {
            return false;
        }
    }
}
