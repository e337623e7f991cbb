using Islet.Net.Wire;

namespace Islet.Net.Icmp;

/// <summary>Told about echo replies (the answers to our pings).</summary>
public interface IIcmpEchoObserver
{
    /// <summary>An echo reply from <paramref name="source"/>; <paramref name="data"/> is only valid during the call.</summary>
    void OnEchoReply(Ipv4Address source, ushort identifier, ushort sequence, ReadOnlySpan<byte> data, long now);
}
