using System.Net;
using System.Net.Sockets;

namespace Islet.Dns.Wire;

/// <summary>AAAA rdata: an IPv6 address (RFC 3596).</summary>
public sealed class AaaaRecordData : DnsRecordData
{
    /// <summary>Creates the rdata.</summary>
    /// <exception cref="ArgumentException">The address is not IPv6.</exception>
    public AaaaRecordData(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.AddressFamily != AddressFamily.InterNetworkV6)
            throw new ArgumentException("An AAAA record holds an IPv6 address.", nameof(address));
        Address = address;
    }

    /// <summary>The IPv6 address.</summary>
    public IPAddress Address { get; }

    /// <inheritdoc/>
    public override DnsType Type => DnsType.AAAA;

    internal static AaaaRecordData Read(ref DnsMessageReader reader) => new(new IPAddress(reader.ReadBytes(16)));

    internal override void Write(ref DnsMessageWriter writer)
    {
        Span<byte> bytes = stackalloc byte[16];
        Address.TryWriteBytes(bytes, out _);
        writer.WriteBytes(bytes);
    }

    /// <inheritdoc/>
    public override string ToString() => Address.ToString();
}
