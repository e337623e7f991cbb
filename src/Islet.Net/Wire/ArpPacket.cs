using System.Buffers.Binary;

namespace Islet.Net.Wire;

/// <summary>
/// A read-only view of an ARP packet (RFC 826) of any hardware/protocol address lengths.
/// <see cref="TryCreate"/> checks that the addresses implied by HLEN and PLEN fit, so no
/// accessor throws.
/// </summary>
public readonly ref struct ArpPacket
{
    internal const int HardwareTypeOffset = 0;
    internal const int ProtocolTypeOffset = 2;
    internal const int HardwareLengthOffset = 4;
    internal const int ProtocolLengthOffset = 5;
    internal const int OperationOffset = 6;
    internal const int AddressesOffset = 8;

    /// <summary>Length of the fixed part before the addresses.</summary>
    public const int FixedHeaderLength = 8;

    /// <summary>Length of an Ethernet/IPv4 ARP packet.</summary>
    public const int EthernetIpv4Length = 28;

    private readonly ReadOnlySpan<byte> _buffer;

    private ArpPacket(ReadOnlySpan<byte> buffer) => _buffer = buffer;

    /// <summary>Wraps <paramref name="buffer"/>; false if it cannot hold the fixed part and all four addresses.</summary>
    public static bool TryCreate(ReadOnlySpan<byte> buffer, out ArpPacket packet)
    {
        packet = default;
        if (buffer.Length < FixedHeaderLength) return false;
        int needed = FixedHeaderLength + 2 * (buffer[HardwareLengthOffset] + buffer[ProtocolLengthOffset]);
        if (buffer.Length < needed) return false;
        packet = new ArpPacket(buffer);
        return true;
    }

    /// <summary>Hardware type (1 = Ethernet).</summary>
    public ushort HardwareType => BinaryPrimitives.ReadUInt16BigEndian(_buffer[HardwareTypeOffset..]);

    /// <summary>Protocol type (an EtherType, 0x0800 = IPv4).</summary>
    public EtherType ProtocolType => (EtherType)BinaryPrimitives.ReadUInt16BigEndian(_buffer[ProtocolTypeOffset..]);

    /// <summary>Hardware address length.</summary>
    public byte HardwareLength => _buffer[HardwareLengthOffset];

    /// <summary>Protocol address length.</summary>
    public byte ProtocolLength => _buffer[ProtocolLengthOffset];

    /// <summary>The opcode.</summary>
    public ArpOperation Operation => (ArpOperation)BinaryPrimitives.ReadUInt16BigEndian(_buffer[OperationOffset..]);

    /// <summary>Sender hardware address bytes.</summary>
    public ReadOnlySpan<byte> SenderHardwareAddress => _buffer.Slice(AddressesOffset, HardwareLength);

    /// <summary>Sender protocol address bytes.</summary>
    public ReadOnlySpan<byte> SenderProtocolAddress => _buffer.Slice(AddressesOffset + HardwareLength, ProtocolLength);

    /// <summary>Target hardware address bytes.</summary>
    public ReadOnlySpan<byte> TargetHardwareAddress => _buffer.Slice(AddressesOffset + HardwareLength + ProtocolLength, HardwareLength);

    /// <summary>Target protocol address bytes.</summary>
    public ReadOnlySpan<byte> TargetProtocolAddress => _buffer.Slice(AddressesOffset + 2 * HardwareLength + ProtocolLength, ProtocolLength);
}
