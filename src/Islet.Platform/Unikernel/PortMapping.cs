using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Islet;

/// <summary>
/// A published port: traffic to <see cref="HostEndPoint"/> on the host reaches the guest's
/// <see cref="GuestPort"/> over <see cref="Protocol"/>. Written
/// <c>[HOSTIP:]HOSTPORT:GUESTPORT[/tcp|/udp]</c> (as <c>-p 127.0.0.1:8080:80</c> or
/// <c>-p 5353:53/udp</c>): the address defaults to 127.0.0.1 so nothing is exposed beyond the
/// host unless asked, an IPv6 address goes in brackets (<c>[::1]:8080:80</c>), the protocol
/// defaults to TCP, and host port 0 lets the host pick one.
/// </summary>
/// <param name="HostEndPoint">Where the host listens (TCP) or receives (UDP).</param>
/// <param name="GuestPort">The guest's port (1-65535 when parsed).</param>
/// <param name="Protocol">TCP or UDP.</param>
public readonly record struct PortMapping(IPEndPoint HostEndPoint, int GuestPort, PortProtocol Protocol = PortProtocol.Tcp)
{
    /// <summary>Parses <c>[HOSTIP:]HOSTPORT:GUESTPORT[/tcp|/udp]</c>; false when the text is not a mapping.</summary>
    public static bool TryParse(string text, out PortMapping mapping) => TryParse(text, out mapping, out _);

    /// <summary>
    /// Parses <c>[HOSTIP:]HOSTPORT:GUESTPORT[/tcp|/udp]</c>: host port 0-65535, guest port
    /// 1-65535, an IPv6 host address only in brackets, the suffix in lower case. On failure
    /// <paramref name="error"/> is a one-line message naming the input and what is wrong with it.
    /// </summary>
    public static bool TryParse(string text, out PortMapping mapping, [NotNullWhen(false)] out string? error)
    {
        ArgumentNullException.ThrowIfNull(text);
        mapping = default;
        var span = text.AsSpan();
        var protocol = PortProtocol.Tcp;
        int slash = span.LastIndexOf('/');
        if (slash >= 0)
        {
            var suffix = span[(slash + 1)..];
            if (suffix.SequenceEqual("tcp")) protocol = PortProtocol.Tcp;
            else if (suffix.SequenceEqual("udp")) protocol = PortProtocol.Udp;
            else return Fail(text, $"protocol '{suffix}' is not tcp or udp", out error);
            span = span[..slash];
        }
        int guestColon = span.LastIndexOf(':');
        if (guestColon < 0) return Fail(text, "expected [HOSTIP:]HOSTPORT:GUESTPORT[/tcp|/udp]", out error);
        var guestText = span[(guestColon + 1)..];
        var head = span[..guestColon];
        int hostColon = head.LastIndexOf(':');
        var portText = head[(hostColon + 1)..];
        var address = IPAddress.Loopback;
        if (hostColon >= 0)
        {
            var addressText = head[..hostColon];
            bool bracketed = addressText.Length >= 2 && addressText[0] == '[' && addressText[^1] == ']';
            if (bracketed) addressText = addressText[1..^1];
            if (!IPAddress.TryParse(addressText, out var parsed) || (parsed.AddressFamily == AddressFamily.InterNetworkV6 && !bracketed))
                return Fail(text, $"'{head[..hostColon]}' is not an IP address (IPv6 goes in brackets)", out error);
            address = parsed;
        }
        if (!TryPort(portText, out ushort hostPort)) return Fail(text, $"host port '{portText}' is not a number 0-65535", out error);
        if (!TryPort(guestText, out ushort guestPort) || guestPort == 0) return Fail(text, $"guest port '{guestText}' is not a number 1-65535", out error);
        mapping = new PortMapping(new IPEndPoint(address, hostPort), guestPort, protocol);
        error = null;
        return true;
    }

    /// <summary>Parses <c>[HOSTIP:]HOSTPORT:GUESTPORT[/tcp|/udp]</c>.</summary>
    /// <exception cref="FormatException">The text is not a port mapping; the message is one line.</exception>
    public static PortMapping Parse(string text) =>
        TryParse(text, out var mapping, out var error) ? mapping : throw new FormatException(error);

    private static bool TryPort(ReadOnlySpan<char> text, out ushort port) =>
        ushort.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out port);

    private static bool Fail(string text, string reason, out string error)
    {
        error = $"port mapping '{text}': {reason}";
        return false;
    }

    /// <summary>
    /// The mapping as <see cref="TryParse(string, out PortMapping, out string?)"/> reads it back:
    /// <c>HOSTIP:HOSTPORT:GUESTPORT</c>, IPv6 in brackets, with <c>/udp</c> for UDP (TCP has no suffix).
    /// </summary>
    public override string ToString()
    {
        string address = HostEndPoint.AddressFamily == AddressFamily.InterNetworkV6 ? $"[{HostEndPoint.Address}]" : HostEndPoint.Address.ToString();
        return $"{address}:{HostEndPoint.Port}:{GuestPort}{(Protocol == PortProtocol.Udp ? "/udp" : "")}";
    }
}
