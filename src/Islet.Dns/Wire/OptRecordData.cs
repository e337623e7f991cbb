namespace Islet.Dns.Wire;

/// <summary>OPT rdata: the EDNS options (RFC 6891 §6.1.2). The payload size and flags live in the
/// record's class and TTL; <see cref="DnsMessage.Edns"/> presents them together.</summary>
public sealed class OptRecordData : DnsRecordData
{
    /// <summary>Creates the rdata.</summary>
    public OptRecordData(IReadOnlyList<EdnsOption> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Options = options;
    }

    /// <summary>The options in order.</summary>
    public IReadOnlyList<EdnsOption> Options { get; }

    /// <inheritdoc/>
    public override DnsType Type => DnsType.OPT;

    /// <summary>The length of options written as OPT rdata.</summary>
    internal static int OptionsLength(IReadOnlyList<EdnsOption> options)
    {
        int length = 0;
        for (int i = 0; i < options.Count; i++)
            length += 4 + options[i].Data.Length;
        return length;
    }

    internal static OptRecordData Read(ref DnsMessageReader reader)
    {
        var options = new List<EdnsOption>();
        while (reader.Remaining > 0)
        {
            ushort code = reader.ReadUInt16();
            int length = reader.ReadUInt16();
            if (length > reader.Remaining)
                DnsFormatException.Throw($"EDNS option {code} claims {length} bytes but only {reader.Remaining} remain.");
            options.Add(new EdnsOption(code, reader.ReadBytes(length).ToArray()));
        }
        return new(options);
    }

    internal override void Write(ref DnsMessageWriter writer) => WriteOptions(ref writer, Options);

    /// <summary>Writes options as OPT rdata: code, length and data each.</summary>
    internal static void WriteOptions(ref DnsMessageWriter writer, IReadOnlyList<EdnsOption> options)
    {
        for (int i = 0; i < options.Count; i++)
        {
            writer.WriteUInt16(options[i].Code);
            writer.WriteUInt16((ushort)options[i].Data.Length);
            writer.WriteBytes(options[i].Data);
        }
    }

    /// <summary>The generic RFC 3597 form of the options.</summary>
    public override string ToString()
    {
        byte[] bytes = new byte[OptionsLength(Options)];
        int at = 0;
        foreach (EdnsOption option in Options)
        {
            System.Buffers.Binary.BinaryPrimitives.WriteUInt16BigEndian(bytes.AsSpan(at), option.Code);
            System.Buffers.Binary.BinaryPrimitives.WriteUInt16BigEndian(bytes.AsSpan(at + 2), (ushort)option.Data.Length);
            option.Data.CopyTo(bytes, at + 4);
            at += 4 + option.Data.Length;
        }
        return Internal.Presentation.Generic(bytes);
    }
}
