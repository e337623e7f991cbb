using System.Net;
using System.Net.Sockets;

namespace Islet.Cli.Commands;

/// <summary>Parses <c>islet run</c>'s <c>-p</c> and <c>--content</c> values; every error is a usage <see cref="CliException"/>.</summary>
public static class PublishParser
{
    /// <summary>
    /// Parses <c>[ADDRESS:]HOSTPORT:GUESTPORT[/tcp|/udp]</c> (address default 127.0.0.1; IPv6 in
    /// brackets; protocol default tcp); both ports must be 1-65535.
    /// </summary>
    public static PortMapping ParsePort(string text)
    {
        if (!PortMapping.TryParse(text, out var mapping) || mapping.HostEndPoint.Port == 0 || mapping.GuestPort == 0)
        {
            throw CliException.Usage($"bad -p '{text}': expected [ADDRESS:]HOSTPORT:GUESTPORT[/tcp|/udp] with ports 1-65535, for example 8080:80 or 5353:53/udp");
        }
        return mapping;
    }

    /// <summary>Parses <c>--block NAME=FILE</c>; the file must exist. Usage error otherwise.</summary>
    public static KeyValuePair<string, string> ParseBlock(string text, CliEnvironment environment)
    {
        int eq = text.IndexOf('=');
        if (eq <= 0 || eq == text.Length - 1)
        {
            throw CliException.Usage($"bad --block '{text}': expected NAME=FILE, for example data=./data.img");
        }
        string file = environment.FullPath(text[(eq + 1)..]);
        if (!File.Exists(file))
        {
            throw CliException.Usage($"bad --block '{text}': no such file {file}");
        }
        return new(text[..eq], file);
    }

    /// <summary>Parses <c>NAME=DIR</c>; DIR must be an existing directory and is returned as a full path.</summary>
    public static KeyValuePair<string, string> ParseContent(string text, CliEnvironment environment)
    {
        int eq = text.IndexOf('=');
        if (eq <= 0 || eq == text.Length - 1)
        {
            throw CliException.Usage($"bad --content '{text}': expected NAME=DIR, for example site=./site");
        }
        string directory = environment.FullPath(text[(eq + 1)..]);
        if (!Directory.Exists(directory))
        {
            throw CliException.Usage($"bad --content '{text}': no such directory {directory}");
        }
        return new(text[..eq], directory);
    }

    /// <summary>
    /// Where a client on this host reaches <paramref name="mapping"/>: <c>http://HOST:PORT/</c> for
    /// TCP to guest port 80, 443 or 8080 (what a browser opens; Islet serves no TLS yet, so 443 is
    /// plain HTTP too), <c>tcp://HOST:PORT</c> for other TCP ports, <c>udp://HOST:PORT</c> for UDP;
    /// wildcard addresses become loopback.
    /// </summary>
    public static string Url(PortMapping mapping)
    {
        var address = mapping.HostEndPoint.Address;
        if (address.Equals(IPAddress.Any)) address = IPAddress.Loopback;
        if (address.Equals(IPAddress.IPv6Any)) address = IPAddress.IPv6Loopback;
        string host = address.AddressFamily == AddressFamily.InterNetworkV6 ? $"[{address}]" : address.ToString();
        return mapping.Protocol == PortProtocol.Udp ? $"udp://{host}:{mapping.HostEndPoint.Port}"
            : mapping.GuestPort is 80 or 443 or 8080 ? $"http://{host}:{mapping.HostEndPoint.Port}/"
            : $"tcp://{host}:{mapping.HostEndPoint.Port}";
    }
}
