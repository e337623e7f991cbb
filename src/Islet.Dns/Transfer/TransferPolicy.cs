using System.Net;

namespace Islet.Dns.Transfer;

/// <summary>Which clients may transfer a zone: a list of address prefixes. The default policy allows
/// nobody, so zone contents are never handed out by accident. An IPv4-mapped IPv6 address
/// (<c>::ffff:a.b.c.d</c>, as dual-stack sockets report IPv4 peers) is matched as its IPv4 address.
/// Immutable.</summary>
public sealed class TransferPolicy
{
    private readonly IPNetwork[] _allowed;

    /// <summary>A policy allowing clients in any of <paramref name="allowed"/>; none given allows nobody.</summary>
    public TransferPolicy(params IEnumerable<IPNetwork> allowed)
    {
        ArgumentNullException.ThrowIfNull(allowed);
        _allowed = [.. allowed];
    }

    /// <summary>The policy that refuses every client.</summary>
    public static TransferPolicy DenyAll { get; } = new();

    /// <summary>A policy allowing only the loopback addresses 127.0.0.0/8 and ::1.</summary>
    public static TransferPolicy LoopbackOnly { get; } = new(IPNetwork.Parse("127.0.0.0/8"), IPNetwork.Parse("::1/128"));

    /// <summary>The allowed prefixes.</summary>
    public IReadOnlyList<IPNetwork> Allowed => _allowed;

    /// <summary>Whether <paramref name="client"/> lies in an allowed prefix.</summary>
    public bool IsAllowed(IPAddress client)
    {
        ArgumentNullException.ThrowIfNull(client);
        if (client.IsIPv4MappedToIPv6)
            client = client.MapToIPv4();
        foreach (IPNetwork network in _allowed)
        {
            if (network.Contains(client))
                return true;
        }
        return false;
    }
}
