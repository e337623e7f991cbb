using System.Net;
using Xunit;

namespace Islet.Platform.Tests.Unikernel;

public sealed class UnikernelArgumentsTests
{
    [Fact]
    public void Islet_options_are_taken_out_and_the_rest_kept_in_order()
    {
        Assert.True(UnikernelArguments.TryParse(
            ["app1", "--islet-publish", "8080:80", "--islet-publish", "0.0.0.0:5353:53/udp", "--islet-content", "site=/srv/site",
             "--islet-net", "tap:islet0", "--islet-ip", "10.0.0.2/24", "--islet-gateway", "10.0.0.1", "--islet-pcap", "/tmp/x.pcap",
             "--islet-quiet", "app2", "--flag"], out var a, out var error), error);
        Assert.Equal(["app1", "app2", "--flag"], a.Application);
        Assert.Equal([new PortMapping(new IPEndPoint(IPAddress.Loopback, 8080), 80), new PortMapping(new IPEndPoint(IPAddress.Any, 5353), 53, PortProtocol.Udp)], a.Publish);
        Assert.Equal("/srv/site", a.ContentDirectories["site"]);
        Assert.Equal(("tap:islet0", "10.0.0.2/24", "10.0.0.1", "/tmp/x.pcap"), (a.Net, a.Ip, a.Gateway, a.Pcap));
        Assert.True(a.Quiet);
    }

    [Theory]
    [InlineData("--islet-publish", "--islet-publish needs [ADDRESS:]HOSTPORT:GUESTPORT[/tcp|/udp], for example 8080:80 or 5353:53/udp")]
    [InlineData("--islet-publish 80", "--islet-publish needs [ADDRESS:]HOSTPORT:GUESTPORT[/tcp|/udp], for example 8080:80 or 5353:53/udp")]
    [InlineData("--islet-publish 70000:80", "--islet-publish needs [ADDRESS:]HOSTPORT:GUESTPORT[/tcp|/udp], for example 8080:80 or 5353:53/udp")]
    [InlineData("--islet-content site", "--islet-content needs NAME=DIRECTORY")]
    [InlineData("--islet-net", "--islet-net needs a value")]
    [InlineData("--islet-bogus", "unknown option --islet-bogus")]
    public void Bad_islet_options_give_one_clear_message(string line, string message)
    {
        Assert.False(UnikernelArguments.TryParse(line.Split(' '), out _, out var error));
        Assert.Equal(message, error);
    }

    [Theory]
    [InlineData("8080:80", "127.0.0.1:8080", 80)]
    [InlineData("[::1]:8080:80", "[::1]:8080", 80)]
    [InlineData("192.168.1.5:1:65535", "192.168.1.5:1", 65535)]
    public void Port_mappings_parse_with_loopback_as_the_default(string text, string host, int guest)
    {
        Assert.True(PortMapping.TryParse(text, out var m));
        Assert.Equal(host, m.HostEndPoint.ToString());
        Assert.Equal(guest, m.GuestPort);
    }

    [Theory]
    [InlineData("")]
    [InlineData(":80")]
    [InlineData("a:b")]
    [InlineData("8080:-1")]
    [InlineData("999.1.1.1:80:80")]
    [InlineData("8080:80x")]
    [InlineData("8080:0")]
    [InlineData("::1:8080:80")]
    [InlineData("5353:53/icmp")]
    public void Malformed_port_mappings_are_refused(string text) => Assert.False(PortMapping.TryParse(text, out _));
}
