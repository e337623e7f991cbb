using Islet.Net.Ip;
using Islet.Net.Wire;

namespace Islet.Net.Tests.Icmp;

/// <summary>An <see cref="IIpOutput"/> that records every committed datagram.</summary>
internal sealed class RecordingOutput : IIpOutput
{
    private byte[] _pending = [];
    private Ipv4Address _destination;
    private IpProtocol _protocol;

    public Ipv4Address LocalAddress { get; set; } = new(10, 0, 0, 1);
    public int MaxPayload { get; set; } = 1480;
    public bool Refuse { get; set; }
    public List<(Ipv4Address Destination, IpProtocol Protocol, byte[] Payload)> Sent { get; } = [];

    public bool TryBegin(Ipv4Address destination, IpProtocol protocol, int payloadLength, out Span<byte> payload)
    {
        payload = default;
        if (Refuse || payloadLength > MaxPayload) return false;
        _pending = new byte[payloadLength];
        _destination = destination;
        _protocol = protocol;
        payload = _pending;
        return true;
    }

    public void Commit() => Sent.Add((_destination, _protocol, _pending));
}
