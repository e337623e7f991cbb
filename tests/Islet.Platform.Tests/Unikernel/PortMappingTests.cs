using System.Net;
using Xunit;

namespace Islet.Platform.Tests.Unikernel;

public sealed class PortMappingTests
{
    [Theory]
    [InlineData("8080:80", "127.0.0.1", 8080, 80, PortProtocol.Tcp)]
    [InlineData("127.0.0.1:8080:80", "127.0.0.1", 8080, 80, PortProtocol.Tcp)]
    [InlineData("0.0.0.0:443:8443", "0.0.0.0", 443, 8443, PortProtocol.Tcp)]
    [InlineData("[::1]:8080:80", "::1", 8080, 80, PortProtocol.Tcp)]
    [InlineData("0:80", "127.0.0.1", 0, 80, PortProtocol.Tcp)]
    [InlineData("8080:80/tcp", "127.0.0.1", 8080, 80, PortProtocol.Tcp)]
    [InlineData("5353:53/udp", "127.0.0.1", 5353, 53, PortProtocol.Udp)]
    [InlineData("0.0.0.0:5353:53/udp", "0.0.0.0", 5353, 53, PortProtocol.Udp)]
    [InlineData("[::1]:5353:53/udp", "::1", 5353, 53, PortProtocol.Udp)]
    public void Parses_host_address_ports_and_protocol(string text, string address, int hostPort, int guestPort, PortProtocol protocol)
    {
        Assert.True(PortMapping.TryParse(text, out var mapping, out var error));
        Assert.Null(error);
        Assert.Equal(new PortMapping(new IPEndPoint(IPAddress.Parse(address), hostPort), guestPort, protocol), mapping);
        Assert.Equal(mapping, PortMapping.Parse(mapping.ToString())); // what ToString writes reads back the same
    }

    [Theory]
    [InlineData("8080:80", "127.0.0.1:8080:80")]
    [InlineData("8080:80/tcp", "127.0.0.1:8080:80")]
    [InlineData("5353:53/udp", "127.0.0.1:5353:53/udp")]
    [InlineData("[::]:5353:53/udp", "[::]:5353:53/udp")]
    public void Formats_tcp_without_a_suffix_and_udp_with_one(string text, string formatted) =>
        Assert.Equal(formatted, PortMapping.Parse(text).ToString());

    [Theory]
    [InlineData("80", "port mapping '80': expected [HOSTIP:]HOSTPORT:GUESTPORT[/tcp|/udp]")]
    [InlineData("8080:0", "port mapping '8080:0': guest port '0' is not a number 1-65535")]
    [InlineData("8080:70000", "port mapping '8080:70000': guest port '70000' is not a number 1-65535")]
    [InlineData("x:80", "port mapping 'x:80': host port 'x' is not a number 0-65535")]
    [InlineData(":80", "port mapping ':80': host port '' is not a number 0-65535")]
    [InlineData("localhost:8080:80", "port mapping 'localhost:8080:80': 'localhost' is not an IP address (IPv6 goes in brackets)")]
    [InlineData("::1:8080:80", "port mapping '::1:8080:80': '::1' is not an IP address (IPv6 goes in brackets)")]
    [InlineData("127.0.0.1:8080:+80", "port mapping '127.0.0.1:8080:+80': guest port '+80' is not a number 1-65535")]
    [InlineData("5353:53/sctp", "port mapping '5353:53/sctp': protocol 'sctp' is not tcp or udp")]
    [InlineData("5353:53/UDP", "port mapping '5353:53/UDP': protocol 'UDP' is not tcp or udp")]
    [InlineData("5353:53/", "port mapping '5353:53/': protocol '' is not tcp or udp")]
    [InlineData("5353/udp", "port mapping '5353/udp': expected [HOSTIP:]HOSTPORT:GUESTPORT[/tcp|/udp]")]
    [InlineData("5353:53/udp/udp", "port mapping '5353:53/udp/udp': guest port '53/udp' is not a number 1-65535")]
    public void Rejects_bad_mappings_with_one_line_errors(string text, string message)
    {
        Assert.False(PortMapping.TryParse(text, out _, out var error));
        Assert.Equal(message, error);
        Assert.DoesNotContain('\n', error);
        Assert.False(PortMapping.TryParse(text, out _));
        Assert.Equal(message, Assert.Throws<FormatException>(() => PortMapping.Parse(text)).Message);
    }
}
