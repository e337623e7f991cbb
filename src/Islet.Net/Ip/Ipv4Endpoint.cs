using Islet.Net.Wire;

namespace Islet.Net.Ip;

/// <summary>An IPv4 address and port, by value.</summary>
public readonly record struct Ipv4Endpoint(Ipv4Address Address, ushort Port)
{
    /// <inheritdoc />
    public override string ToString() => $"{Address}:{Port}";
}
