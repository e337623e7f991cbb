using System.Net;
using System.Net.Sockets;

namespace Islet.Dns.Wire;

/// <summary>A rdata: an IPv4 address (RFC 1035 §3.4.1).</summary>
public sealed class ARecordData : DnsRecordData
{
    /// <summary>Creates the rdata.</summary>
    /// <exception cref="ArgumentException">The address is not IPv4.</exception>
    public ARecordData(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.AddressFamily != AddressFamily.InterNetwork)
            throw new ArgumentException("An A record holds an IPv4 address.", nameof(address));
        Address = address;
    }

    /// <summary>The IPv4 address.</summary>
    public IPAddress Address { get; }

    /// <inheritdoc/>
    public override DnsType Type => DnsType.A;

    internal static ARecordData Read(ref DnsMessageReader reader) => new(new IPAddress(reader.ReadBytes(4)));

    internal override void Write(ref DnsMessageWriter writer)
    {
        Span<byte> bytes = stackalloc byte[4];
        Address.TryWriteBytes(bytes, out _);
        writer.WriteBytes(bytes);
    }

    /// <inheritdoc/>
    public override string ToString() => Address.ToString();
}
