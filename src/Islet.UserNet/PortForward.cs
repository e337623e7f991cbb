using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Net;

namespace Islet.UserNet;

/// <summary>
/// A forwarded TCP port: connections to <see cref="HostEndPoint"/> on the host reach the guest's
/// <see cref="GuestPort"/>. Written <c>[HOSTIP:]HOSTPORT:GUESTPORT</c> (as <c>-p 127.0.0.1:8080:80</c>);
/// the host address defaults to 127.0.0.1 so nothing is exposed beyond the host unless asked,
/// and an IPv6 address goes in brackets (<c>[::1]:8080:80</c>). Host port 0 lets the host pick one.
/// </summary>
/// <param name="HostEndPoint">Where the host listens.</param>
/// <param name="GuestPort">The guest's TCP port (1-65535).</param>
public readonly record struct PortForward(IPEndPoint HostEndPoint, ushort GuestPort)
{
    /// <summary>Parses <c>[HOSTIP:]HOSTPORT:GUESTPORT</c>; on failure <paramref name="error"/> is a one-line message naming the input.</summary>
    public static bool TryParse(string text, out PortForward forward, [NotNullWhen(false)] out string? error)
    {
        ArgumentNullException.ThrowIfNull(text);
        forward = default;
        var span = text.AsSpan();
        int guestColon = span.LastIndexOf(':');
        if (guestColon < 0) return Fail(text, "expected [HOSTIP:]HOSTPORT:GUESTPORT", out error);
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
            if (!IPAddress.TryParse(addressText, out var parsed) || (parsed.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 && !bracketed))
                return Fail(text, $"'{head[..hostColon]}' is not an IP address (IPv6 goes in brackets)", out error);
            address = parsed;
        }
        if (!TryPort(portText, out ushort hostPort)) return Fail(text, $"host port '{portText}' is not a number 0-65535", out error);
        if (!TryPort(guestText, out ushort guestPort) || guestPort == 0) return Fail(text, $"guest port '{guestText}' is not a number 1-65535", out error);
        forward = new PortForward(new IPEndPoint(address, hostPort), guestPort);
        error = null;
        return true;
    }

    /// <summary>Parses <c>[HOSTIP:]HOSTPORT:GUESTPORT</c>.</summary>
    /// <exception cref="FormatException">The text is not a port forward; the message is one line.</exception>
    public static PortForward Parse(string text) =>
        TryParse(text, out var forward, out var error) ? forward : throw new FormatException(error);

    private static bool TryPort(ReadOnlySpan<char> text, out ushort port) =>
        ushort.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out port);

    private static bool Fail(string text, string reason, out string error)
    {
        error = $"port forward '{text}': {reason}";
        return false;
    }

    /// <inheritdoc />
    public override string ToString() => $"{HostEndPoint}:{GuestPort}";
}
