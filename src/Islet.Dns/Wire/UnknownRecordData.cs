namespace Islet.Dns.Wire;

/// <summary>The rdata of a type this library does not decode, kept as raw bytes (RFC 3597) and
/// presented as <c>\# length hex</c>. Names inside it are never compressed or decompressed.</summary>
public sealed class UnknownRecordData : DnsRecordData
{
    private readonly DnsType _type;

    /// <summary>Creates the rdata (the array is owned by the new value).</summary>
    public UnknownRecordData(DnsType type, byte[] data)
    {
        ArgumentNullException.ThrowIfNull(data);
        _type = type;
        Data = data;
    }

    /// <summary>The raw rdata.</summary>
    public byte[] Data { get; }

    /// <inheritdoc/>
    public override DnsType Type => _type;

    internal override void Write(ref DnsMessageWriter writer) => writer.WriteBytes(Data);

    /// <inheritdoc/>
    public override string ToString() => Internal.Presentation.Generic(Data);
}
