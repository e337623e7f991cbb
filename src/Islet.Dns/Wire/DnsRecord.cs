namespace Islet.Dns.Wire;

/// <summary>A resource record (RFC 1035 §4.1.3): owner name, class, TTL and typed data; the type is
/// the data's. For OPT the class and TTL carry EDNS fields (see <see cref="DnsEdns"/>).</summary>
/// <param name="Name">The owner name.</param>
/// <param name="Class">The class (the UDP payload size for OPT).</param>
/// <param name="Ttl">The time to live in seconds (extended rcode, version and flags for OPT).</param>
/// <param name="Data">The typed rdata.</param>
public sealed record DnsRecord(DnsName Name, DnsClass Class, uint Ttl, DnsRecordData Data)
{
    /// <summary>The record type, taken from <see cref="Data"/>.</summary>
    public DnsType Type => Data.Type;

    /// <summary>Presentation format as dig prints it: <c>www.example.com. 300 IN A 192.0.2.1</c>.</summary>
    public override string ToString() =>
        $"{Name} {Ttl} {Internal.Presentation.ClassName(Class)} {Internal.Presentation.TypeName(Type)} {Data}";
}
