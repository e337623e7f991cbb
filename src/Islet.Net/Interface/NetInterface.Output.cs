using Islet.Devices;
using Islet.Net.Arp;
using Islet.Net.Ip;
using Islet.Net.Wire;

namespace Islet.Net.Interface;

public sealed partial class NetInterface<TDevice>
{
    /// <summary>
    /// The <see cref="IIpOutput"/> given to transports: builds Ethernet and IPv4 headers around
    /// the payload in the one transmit buffer, routes (on-link or via the gateway), and sends or
    /// queues the frame behind ARP.
    /// </summary>
    private sealed class Output(NetInterface<TDevice> owner) : IIpOutput
    {
        private const int PayloadOffset = EthernetFrame.HeaderLength + Ipv4Packet.MinHeaderLength;
        private Wire.Ipv4Repr _header;
        private Ipv4Address _nextHop;
        private bool _begun, _queue;

        public Ipv4Address LocalAddress => owner._config.Address;

        public int MaxPayload => owner._device.Mtu - Ipv4Packet.MinHeaderLength;

        public bool TryBegin(Ipv4Address destination, IpProtocol protocol, int payloadLength, out Span<byte> payload) =>
            TryBegin(LocalAddress, destination, protocol, payloadLength, out payload);

        public bool TryBegin(Ipv4Address source, Ipv4Address destination, IpProtocol protocol, int payloadLength, out Span<byte> payload)
        {
            payload = default;
            _begun = false;
            var counters = owner.Counters.Ipv4;
            if ((uint)payloadLength > (uint)MaxPayload) { counters.TooLong++; return false; }
            if (!TryRoute(destination, out var mac, out _queue)) return false;
            var buffer = owner._transmitBuffer;
            new EthernetRepr(owner._device.Mac, mac, EtherType.Ipv4).TryWrite(buffer, out _);
            _header = new Wire.Ipv4Repr
            {
                Source = owner._config.Router && !source.IsUnspecified ? source : LocalAddress, Destination = destination, Protocol = protocol, PayloadLength = payloadLength,
                Ttl = 64, DontFragment = true, Identification = owner._nextIdentification,
            };
            payload = buffer.AsSpan(PayloadOffset, payloadLength);
            _begun = true;
            return true;
        }

        public void Commit()
        {
            if (!_begun) throw new InvalidOperationException("Commit without a successful TryBegin.");
            _begun = false;
            var buffer = owner._transmitBuffer;
            _header.TryWrite(buffer.AsSpan(EthernetFrame.HeaderLength), out _);
            owner._nextIdentification++;
            owner.Counters.Ipv4.Sent++;
            var frame = buffer.AsSpan(0, PayloadOffset + _header.PayloadLength);
            if (_queue) owner.Arp.Enqueue(_nextHop, frame);
            else owner.SendFrame(frame);
        }

        /// <summary>
        /// RFC 1122 §3.3.1: a destination in our subnet is reached directly, anything else
        /// through the gateway. Limited and subnet broadcasts go to the Ethernet broadcast
        /// address without ARP. Multicast and our own address are not routable here.
        /// </summary>
        private bool TryRoute(Ipv4Address destination, out MacAddress mac, out bool queue)
        {
            var config = owner._config;
            mac = MacAddress.Broadcast;
            queue = false;
            if (destination.IsBroadcast || config.IsSubnetBroadcast(destination)) return true;
            if (destination.IsMulticast || destination.IsUnspecified || destination == config.Address
                || config.Address.IsUnspecified)
            {
                owner.Counters.Ipv4.NoRoute++;
                return false;
            }
            _nextHop = config.IsOnLink(destination) ? destination : config.Gateway;
            if (_nextHop.IsUnspecified) { owner.Counters.Ipv4.NoRoute++; return false; }
            switch (owner.Arp.Lookup(_nextHop, owner._now, out mac))
            {
                case ArpLookupResult.Resolved: return true;
                case ArpLookupResult.Pending: queue = true; return true;
                default: owner.Counters.Arp.QueueRejected++; return false;
            }
        }
    }
}
