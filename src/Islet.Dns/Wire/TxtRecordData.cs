using System.Text;

namespace Islet.Dns.Wire;

/// <summary>TXT rdata: one or more character-strings of up to 255 bytes each (RFC 1035 §3.3.14).</summary>
public sealed class TxtRecordData : DnsRecordData
{
    /// <summary>Creates the rdata from raw strings (the array is owned by the new value).</summary>
    /// <exception cref="ArgumentException">A string is longer than 255 bytes.</exception>
    public TxtRecordData(IReadOnlyList<byte[]> strings)
    {
        ArgumentNullException.ThrowIfNull(strings);
        foreach (byte[] s in strings)
        {
            if (s.Length > 255)
                throw new ArgumentException("A TXT character-string holds at most 255 bytes.", nameof(strings));
        }
        Strings = strings;
    }

    /// <summary>Creates the rdata from text strings, each encoded as UTF-8.</summary>
    public TxtRecordData(params string[] strings) : this(Array.ConvertAll(strings, Encoding.UTF8.GetBytes)) { }

    /// <summary>The character-strings in order.</summary>
    public IReadOnlyList<byte[]> Strings { get; }

    /// <inheritdoc/>
    public override DnsType Type => DnsType.TXT;

    internal static TxtRecordData Read(ref DnsMessageReader reader)
    {
        var strings = new List<byte[]>(1);
        while (reader.Remaining > 0)
            strings.Add(reader.ReadCharacterString().ToArray());
        return new(strings);
    }

    internal override void Write(ref DnsMessageWriter writer)
    {
        for (int i = 0; i < Strings.Count; i++)
            writer.WriteCharacterString(Strings[i]);
    }

    /// <inheritdoc/>
    public override string ToString()
    {
        var text = new StringBuilder();
        foreach (byte[] s in Strings)
        {
            if (text.Length > 0)
                text.Append(' ');
            Internal.Presentation.AppendQuoted(text, s);
        }
        return text.ToString();
    }
}
