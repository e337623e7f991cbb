using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;

namespace Islet.Net.Wire;

/// <summary>An IPv4 address, held as a host-order 32-bit integer (a.b.c.d is a&lt;&lt;24 | ... | d).</summary>
public readonly record struct Ipv4Address : ISpanFormattable
{
    /// <summary>Wire size in bytes.</summary>
    public const int Length = 4;

    private readonly uint _value;

    /// <summary>Creates an address from its host-order integer value.</summary>
    public Ipv4Address(uint value) => _value = value;

    /// <summary>Creates the address <c>a.b.c.d</c>.</summary>
    public Ipv4Address(byte a, byte b, byte c, byte d) => _value = (uint)(a << 24 | b << 16 | c << 8 | d);

    /// <summary>0.0.0.0.</summary>
    public static Ipv4Address Any => default;

    /// <summary>255.255.255.255 (the limited broadcast address).</summary>
    public static Ipv4Address Broadcast => new(0xFFFF_FFFFu);

    /// <summary>The host-order integer value.</summary>
    public uint Value => _value;

    /// <summary>True for 0.0.0.0.</summary>
    public bool IsUnspecified => _value == 0;

    /// <summary>True for 255.255.255.255.</summary>
    public bool IsBroadcast => _value == 0xFFFF_FFFFu;

    /// <summary>True for 224.0.0.0/4 (RFC 5771).</summary>
    public bool IsMulticast => (_value >> 28) == 0xE;

    /// <summary>True for 127.0.0.0/8.</summary>
    public bool IsLoopback => (_value >> 24) == 127;

    /// <summary>Reads an address from the first 4 bytes of <paramref name="source"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="source"/> is shorter than 4 bytes.</exception>
    public static Ipv4Address Read(ReadOnlySpan<byte> source) => new(BinaryPrimitives.ReadUInt32BigEndian(source));

    /// <summary>Writes the 4 wire bytes; false (nothing written) if <paramref name="destination"/> is too short.</summary>
    public bool TryWrite(Span<byte> destination) => BinaryPrimitives.TryWriteUInt32BigEndian(destination, _value);

    /// <summary>Parses strict dotted-quad notation: four decimal parts 0-255, no leading zeros, no whitespace.</summary>
    public static bool TryParse(ReadOnlySpan<char> text, out Ipv4Address address)
    {
        address = default;
        uint value = 0;
        int part = 0, pos = 0;
        while (true)
        {
            int start = pos, n = 0;
            while (pos < text.Length && (uint)(text[pos] - '0') <= 9 && pos - start < 3)
                n = n * 10 + (text[pos++] - '0');
            int digits = pos - start;
            if (digits == 0 || n > 255 || (digits > 1 && text[start] == '0')) return false;
            value = value << 8 | (uint)n;
            if (++part == 4) break;
            if (pos >= text.Length || text[pos] != '.') return false;
            pos++;
        }
        if (pos != text.Length) return false;
        address = new Ipv4Address(value);
        return true;
    }

    /// <summary>Parses strict dotted-quad notation.</summary>
    /// <exception cref="FormatException"><paramref name="text"/> is not a dotted quad.</exception>
    public static Ipv4Address Parse(ReadOnlySpan<char> text) =>
        TryParse(text, out var a) ? a : throw new FormatException("Not an IPv4 dotted-quad address.");

    /// <inheritdoc />
    public bool TryFormat(Span<char> destination, out int charsWritten, ReadOnlySpan<char> format = default, IFormatProvider? provider = null) =>
        destination.TryWrite($"{_value >> 24}.{(_value >> 16) & 0xFF}.{(_value >> 8) & 0xFF}.{_value & 0xFF}", out charsWritten);

    /// <inheritdoc />
    public string ToString(string? format, IFormatProvider? formatProvider) => ToString();

    /// <inheritdoc />
    public override string ToString()
    {
        Span<char> buffer = stackalloc char[15];
        TryFormat(buffer, out int n);
        return new string(buffer[..n]);
    }

    /// <summary>Parses strict dotted-quad notation.</summary>
    public static bool TryParse([NotNullWhen(true)] string? text, out Ipv4Address address)
    {
        if (text is null) { address = default; return false; }
        return TryParse(text.AsSpan(), out address);
    }
}
