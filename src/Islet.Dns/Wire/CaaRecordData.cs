using System.Text;

namespace Islet.Dns.Wire;

/// <summary>CAA rdata: a certification authority authorization property (RFC 8659 §4.1).</summary>
public sealed class CaaRecordData : DnsRecordData
{
    /// <summary>Creates the rdata.</summary>
    /// <exception cref="ArgumentException">The tag is empty, longer than 255 or not ASCII letters and digits.</exception>
    public CaaRecordData(byte flags, string tag, byte[] value)
    {
        ArgumentNullException.ThrowIfNull(tag);
        ArgumentNullException.ThrowIfNull(value);
        if (tag.Length is 0 or > 255 || !tag.All(char.IsAsciiLetterOrDigit))
            throw new ArgumentException("A CAA tag is 1 to 255 ASCII letters and digits.", nameof(tag));
        Flags = flags;
        Tag = tag;
        Value = value;
    }

    /// <summary>The flags octet (128 is issuer-critical).</summary>
    public byte Flags { get; }
    /// <summary>The property tag ("issue", "issuewild", "iodef").</summary>
    public string Tag { get; }
    /// <summary>The property value.</summary>
    public byte[] Value { get; }

    /// <inheritdoc/>
    public override DnsType Type => DnsType.CAA;

    internal static CaaRecordData Read(ref DnsMessageReader reader)
    {
        byte flags = reader.ReadByte();
        ReadOnlySpan<byte> tag = reader.ReadCharacterString();
        foreach (byte b in tag)
        {
            if (!char.IsAsciiLetterOrDigit((char)b))
                DnsFormatException.Throw("A CAA tag holds a byte that is not an ASCII letter or digit.");
        }
        if (tag.IsEmpty)
            DnsFormatException.Throw("A CAA tag is empty.");
        string text = Encoding.ASCII.GetString(tag);
        return new(flags, text, reader.ReadBytes(reader.Remaining).ToArray());
    }

    internal override void Write(ref DnsMessageWriter writer)
    {
        writer.WriteByte(Flags);
        Span<byte> tag = stackalloc byte[Tag.Length];
        Encoding.ASCII.GetBytes(Tag, tag);
        writer.WriteCharacterString(tag);
        writer.WriteBytes(Value);
    }

    /// <inheritdoc/>
    public override string ToString() => $"{Flags} {Tag} {Internal.Presentation.Quoted(Value)}";
}
