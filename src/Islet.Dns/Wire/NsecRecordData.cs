namespace Islet.Dns.Wire;

/// <summary>NSEC rdata: the next owner name in the zone and the types present at this owner
/// (RFC 4034 §4). The next name is never compressed; the type bitmap uses the window blocks of §4.1.2.</summary>
public sealed class NsecRecordData : DnsRecordData
{
    /// <summary>Creates the rdata; the types are sorted and duplicates dropped.</summary>
    public NsecRecordData(DnsName nextName, IEnumerable<DnsType> types)
    {
        ArgumentNullException.ThrowIfNull(nextName);
        ArgumentNullException.ThrowIfNull(types);
        NextName = nextName;
        var sorted = new SortedSet<DnsType>(types);
        Types = [.. sorted];
    }

    /// <summary>Next Domain Name.</summary>
    public DnsName NextName { get; }

    /// <summary>The types in the bitmap, in ascending order.</summary>
    public IReadOnlyList<DnsType> Types { get; }

    /// <inheritdoc/>
    public override DnsType Type => DnsType.NSEC;

    internal static NsecRecordData Read(ref DnsMessageReader reader)
    {
        DnsName next = reader.ReadName(allowCompression: false);
        var types = new List<DnsType>();
        int lastWindow = -1;
        while (reader.Remaining > 0)
        {
            int window = reader.ReadByte();
            int length = reader.ReadByte();
            if (window <= lastWindow)
                DnsFormatException.Throw($"NSEC bitmap window {window} follows window {lastWindow}.");
            if (length is 0 or > 32)
                DnsFormatException.Throw($"NSEC bitmap window {window} has length {length}, not 1 to 32.");
            ReadOnlySpan<byte> bits = reader.ReadBytes(length);
            for (int i = 0; i < bits.Length; i++)
                for (int bit = 0; bit < 8; bit++)
                    if ((bits[i] & (0x80 >> bit)) != 0)
                        types.Add((DnsType)((window << 8) | (i * 8 + bit)));
            lastWindow = window;
        }
        return new(next, types);
    }

    internal override void Write(ref DnsMessageWriter writer)
    {
        writer.WriteName(NextName, compress: false);
        Span<byte> bits = stackalloc byte[32];
        int i = 0;
        while (i < Types.Count)
        {
            int window = (ushort)Types[i] >> 8;
            bits.Clear();
            int length = 0;
            for (; i < Types.Count && (ushort)Types[i] >> 8 == window; i++)
            {
                int low = (ushort)Types[i] & 0xFF;
                bits[low >> 3] |= (byte)(0x80 >> (low & 7));
                length = (low >> 3) + 1;
            }
            writer.WriteByte((byte)window);
            writer.WriteByte((byte)length);
            writer.WriteBytes(bits[..length]);
        }
    }

    /// <inheritdoc/>
    public override string ToString() =>
        Types.Count == 0 ? NextName.ToString() : $"{NextName} {string.Join(' ', Types.Select(Internal.Presentation.TypeName))}";
}
