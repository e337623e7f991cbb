namespace Islet.Dns.Wire;

/// <summary>The typed rdata of a resource record. The set of kinds is closed: one sealed class per
/// known type plus <see cref="UnknownRecordData"/> for everything else (RFC 3597).</summary>
public abstract class DnsRecordData
{
    private protected DnsRecordData() { }

    /// <summary>The record type this data belongs to.</summary>
    public abstract DnsType Type { get; }

    /// <summary>Writes the rdata (without the rdlength) at the writer's position.</summary>
    internal abstract void Write(ref DnsMessageWriter writer);

    /// <summary>The rdata in presentation format, as dig prints it after the type.</summary>
    public abstract override string ToString();
}
