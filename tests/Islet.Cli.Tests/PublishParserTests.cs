using System.Net;
using Islet.Cli.Commands;

namespace Islet.Cli.Tests;

public sealed class PublishParserTests
{
    [Theory]
    [InlineData("8080:80", "127.0.0.1", 8080, 80)]
    [InlineData("0.0.0.0:8080:80", "0.0.0.0", 8080, 80)]
    [InlineData("192.168.1.2:1:65535", "192.168.1.2", 1, 65535)]
    [InlineData("[::1]:8080:80", "::1", 8080, 80)]
    [InlineData("5353:53/udp", "127.0.0.1", 5353, 53, PortProtocol.Udp)]
    [InlineData("8080:80/tcp", "127.0.0.1", 8080, 80)]
    public void Parses_address_host_port_and_guest_port(string text, string address, int host, int guest, PortProtocol protocol = PortProtocol.Tcp)
    {
        var mapping = PublishParser.ParsePort(text);
        Assert.Equal(protocol, mapping.Protocol);
        Assert.Equal(IPAddress.Parse(address), mapping.HostEndPoint.Address);
        Assert.Equal(host, mapping.HostEndPoint.Port);
        Assert.Equal(guest, mapping.GuestPort);
    }

    [Theory]
    [InlineData("8089:80", "http://127.0.0.1:8089/")]
    [InlineData("0.0.0.0:8089:80", "http://127.0.0.1:8089/")]
    [InlineData("10.0.0.1:8089:80", "http://10.0.0.1:8089/")]
    [InlineData("[::]:8089:80", "http://[::1]:8089/")]
    [InlineData("0.0.0.0:5353:53/udp", "udp://127.0.0.1:5353")]
    [InlineData("5353:53", "tcp://127.0.0.1:5353")]
    public void Url_is_reachable_from_this_host(string text, string url)
    {
        Assert.Equal(url, PublishParser.Url(PublishParser.ParsePort(text)));
    }
}
