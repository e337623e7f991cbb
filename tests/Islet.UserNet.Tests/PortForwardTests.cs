using System.Net;

namespace Islet.UserNet.Tests;

public sealed class PortForwardTests
{
    [Theory]
    [InlineData("8080:80", "127.0.0.1", 8080, 80)]
    [InlineData("127.0.0.1:8080:80", "127.0.0.1", 8080, 80)]
    [InlineData("0.0.0.0:443:8443", "0.0.0.0", 443, 8443)]
    [InlineData("[::1]:8080:80", "::1", 8080, 80)]
    [InlineData("0:80", "127.0.0.1", 0, 80)]
    public void Parses_host_address_host_port_and_guest_port(string text, string address, int hostPort, int guestPort)
    {
        Assert.True(PortForward.TryParse(text, out var forward, out var error));
        Assert.Null(error);
        Assert.Equal(new PortForward(new IPEndPoint(IPAddress.Parse(address), hostPort), (ushort)guestPort), forward);
    }

    [Theory]
    [InlineData("80", "port forward '80': expected [HOSTIP:]HOSTPORT:GUESTPORT")]
    [InlineData("8080:0", "port forward '8080:0': guest port '0' is not a number 1-65535")]
    [InlineData("8080:70000", "port forward '8080:70000': guest port '70000' is not a number 1-65535")]
    [InlineData("x:80", "port forward 'x:80': host port 'x' is not a number 0-65535")]
    [InlineData(":80", "port forward ':80': host port '' is not a number 0-65535")]
    [InlineData("localhost:8080:80", "port forward 'localhost:8080:80': 'localhost' is not an IP address (IPv6 goes in brackets)")]
    [InlineData("::1:8080:80", "port forward '::1:8080:80': '::1' is not an IP address (IPv6 goes in brackets)")]
    [InlineData("127.0.0.1:8080:+80", "port forward '127.0.0.1:8080:+80': guest port '+80' is not a number 1-65535")]
    public void Rejects_bad_forwards_with_one_line_errors(string text, string message)
    {
        Assert.False(PortForward.TryParse(text, out _, out var error));
        Assert.Equal(message, error);
        Assert.DoesNotContain('\n', error);
        Assert.Equal(message, Assert.Throws<FormatException>(() => PortForward.Parse(text)).Message);
    }
}
