using Islet.Devices;
using Islet.Net.Dhcp;
using Islet.Net.Wire;

namespace Islet.Net.Tests.Dhcp;

public class DhcpReprTests
{
    private static readonly MacAddress s_mac = MacAddress.FromBytes([2, 0, 0, 0, 0, 1]);

    private static DhcpRepr RoundTrip(DhcpRepr repr)
    {
        var bytes = new byte[repr.BufferLength];
        Assert.True(repr.TryWrite(bytes, out int written));
        Assert.Equal(bytes.Length, written);
        Assert.True(DhcpMessage.TryCreate(bytes, out var message));
        Assert.True(DhcpRepr.TryParse(message, out var parsed));
        return parsed;
    }

    [Fact]
    public void Ack_round_trips_with_every_option()
    {
        var ack = new DhcpRepr
        {
            IsReply = true, MessageType = DhcpMessageType.Ack, TransactionId = 0xdeadbeef, ClientHardwareAddress = s_mac,
            YourAddress = new(10, 0, 0, 50), ServerIdentifier = new(10, 0, 0, 1), LeaseTime = 3600, RenewalTime = 1800,
            RebindingTime = 3150, SubnetMask = new(255, 255, 255, 0), Router = new(10, 0, 0, 1), Dns = new(10, 0, 0, 53),
        };
        Assert.Equal(ack, RoundTrip(ack));
    }

    [Fact]
    public void Requests_are_padded_to_300_bytes_and_round_trip()
    {
        var request = new DhcpRepr
        {
            MessageType = DhcpMessageType.Request, TransactionId = 7, ClientHardwareAddress = s_mac, Broadcast = true,
            RequestedAddress = new(10, 0, 0, 50), ServerIdentifier = new(10, 0, 0, 1),
        };
        Assert.Equal(300, request.BufferLength);
        Assert.Equal(request, RoundTrip(request));
    }

    [Fact]
    public void Malformed_messages_are_rejected()
    {
        var discover = new DhcpRepr { MessageType = DhcpMessageType.Discover, ClientHardwareAddress = s_mac };
        var bytes = new byte[discover.BufferLength];
        discover.TryWrite(bytes, out _);
        Assert.False(DhcpMessage.TryCreate(bytes.AsSpan(0, 239), out _));
        var badCookie = (byte[])bytes.Clone();
        badCookie[236] = 0;
        Assert.False(DhcpMessage.TryCreate(badCookie, out _));
        var truncatedOption = bytes.AsSpan(0, 242).ToArray(); // type option cut after its length
        Assert.True(DhcpMessage.TryCreate(truncatedOption, out var message));
        Assert.False(DhcpRepr.TryParse(message, out _));
        var noType = (byte[])bytes.Clone();
        noType[240] = 255;
        Assert.True(DhcpMessage.TryCreate(noType, out message));
        Assert.False(DhcpRepr.TryParse(message, out _));
        Fuzz.Run(bytes, buffer =>
        {
            if (DhcpMessage.TryCreate(buffer, out var m)) DhcpRepr.TryParse(m, out _);
        }, iterations: 20_000);
    }
}
