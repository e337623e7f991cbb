using System.Net;

namespace Islet;

/// <summary>
/// A published port: connections to <see cref="HostEndPoint"/> on the host reach the
/// unikernel's listener on <see cref="GuestPort"/>. Written <c>[ADDRESS:]HOSTPORT:GUESTPORT</c>;
/// the address defaults to 127.0.0.1 so nothing is exposed beyond the host unless asked.
/// </summary>
public readonly record struct PortMapping(IPEndPoint HostEndPoint, int GuestPort)
{
    /// <summary>Parses <c>[ADDRESS:]HOSTPORT:GUESTPORT</c>.</summary>
    public static bool TryParse(string text, out PortMapping mapping)
    {
        mapping = default;
        int last = text.LastIndexOf(':');
        if (last <= 0) return false;
        if (!TryPort(text.AsSpan(last + 1), out int guest)) return false;
        var head = text.AsSpan(0, last);
        int middle = head.LastIndexOf(':');
        var address = IPAddress.Loopback;
        if (middle >= 0)
        {
            var addressText = head[..middle].Trim("[]");
            if (!IPAddress.TryParse(addressText, out var parsed)) return false;
            address = parsed;
            head = head[(middle + 1)..];
        }
        if (!TryPort(head, out int host)) return false;
        mapping = new PortMapping(new IPEndPoint(address, host), guest);
        return true;
    }

    private static bool TryPort(ReadOnlySpan<char> text, out int port) =>
        int.TryParse(text, System.Globalization.NumberStyles.None, null, out port) && port is >= 0 and <= 65535;

    /// <inheritdoc />
    public override string ToString() => $"{HostEndPoint}:{GuestPort}";
}
