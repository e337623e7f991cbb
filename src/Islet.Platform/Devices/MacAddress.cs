using System.Buffers.Binary;

namespace Islet.Devices;

/// <summary>A 48-bit Ethernet address, held in the low 48 bits of a 64-bit integer.</summary>
public readonly record struct MacAddress
{
    private readonly ulong _value;

    private MacAddress(ulong value) => _value = value & 0xFFFF_FFFF_FFFFUL;

    /// <summary>ff:ff:ff:ff:ff:ff.</summary>
    public static MacAddress Broadcast { get; } = new(0xFFFF_FFFF_FFFFUL);

    /// <summary>A random unicast, locally administered address (for an interface a stack creates).</summary>
    public static MacAddress RandomLocal(IEntropy entropy)
    {
        Span<byte> mac = stackalloc byte[6];
        entropy.Fill(mac);
        mac[0] = (byte)((mac[0] & 0xFE) | 0x02); // unicast, locally administered
        return FromBytes(mac);
    }

    /// <summary>Reads an address from its 6 wire bytes.</summary>
    /// <exception cref="ArgumentException"><paramref name="bytes"/> is not 6 bytes long.</exception>
    public static MacAddress FromBytes(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length != 6) throw new ArgumentException("A MAC address is 6 bytes.", nameof(bytes));
        return new(((ulong)BinaryPrimitives.ReadUInt16BigEndian(bytes) << 32) | BinaryPrimitives.ReadUInt32BigEndian(bytes[2..]));
    }

    /// <summary>Writes the 6 wire bytes into <paramref name="destination"/>.</summary>
    public void WriteTo(Span<byte> destination)
    {
        BinaryPrimitives.WriteUInt16BigEndian(destination, (ushort)(_value >> 32));
        BinaryPrimitives.WriteUInt32BigEndian(destination[2..], (uint)_value);
    }

    /// <summary>True for group (multicast or broadcast) addresses.</summary>
    public bool IsMulticast => ((_value >> 40) & 1) != 0;

    /// <inheritdoc />
    public override string ToString()
    {
        Span<byte> b = stackalloc byte[6];
        WriteTo(b);
        return $"{b[0]:x2}:{b[1]:x2}:{b[2]:x2}:{b[3]:x2}:{b[4]:x2}:{b[5]:x2}";
    }
}
