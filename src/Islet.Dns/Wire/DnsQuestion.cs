namespace Islet.Dns.Wire;

/// <summary>A question entry (RFC 1035 §4.1.2): the name, type and class asked for.</summary>
/// <param name="Name">QNAME.</param>
/// <param name="Type">QTYPE.</param>
/// <param name="Class">QCLASS.</param>
public sealed record DnsQuestion(DnsName Name, DnsType Type, DnsClass Class = DnsClass.Internet)
{
    /// <summary>Presentation format as dig prints it: <c>;www.example.com. IN A</c>.</summary>
    public override string ToString() =>
        $";{Name} {Internal.Presentation.ClassName(Class)} {Internal.Presentation.TypeName(Type)}";
}
