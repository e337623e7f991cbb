using System.Buffers.Binary;
using Islet.Net.Wire;

namespace Islet.Net.Dhcp;

/// <summary>
/// A view over a DHCPv4 message (RFC 2131 §2, the BOOTP layout of RFC 951): the fixed
/// 236-byte header, the magic cookie and the options that follow.
/// </summary>
public readonly ref struct DhcpMessage
{
    internal const int OpOffset = 0;
    internal const int HardwareTypeOffset = 1;
    internal const int HardwareLengthOffset = 2;
    internal const int TransactionIdOffset = 4;
    internal const int SecondsOffset = 8;
    internal const int FlagsOffset = 10;
    internal const int ClientAddressOffset = 12;
    internal const int YourAddressOffset = 16;
    internal const int ServerAddressOffset = 20;
    internal const int RelayAddressOffset = 24;
    internal const int ClientHardwareOffset = 28;
    internal const int CookieOffset = 236;
    internal const uint MagicCookie = 0x63825363;

    /// <summary>Header and magic cookie: where the options start.</summary>
    public const int OptionsOffset = 240;

    private readonly ReadOnlySpan<byte> _buffer;

    private DhcpMessage(ReadOnlySpan<byte> buffer) => _buffer = buffer;

    /// <summary>Wraps <paramref name="buffer"/>; false if it is shorter than 240 bytes or lacks the magic cookie.</summary>
    public static bool TryCreate(ReadOnlySpan<byte> buffer, out DhcpMessage message)
    {
        message = default;
        if (buffer.Length < OptionsOffset || BinaryPrimitives.ReadUInt32BigEndian(buffer[CookieOffset..]) != MagicCookie) return false;
        message = new DhcpMessage(buffer);
        return true;
    }

    /// <summary>1 = BOOTREQUEST, 2 = BOOTREPLY.</summary>
    public byte Op => _buffer[OpOffset];
    /// <summary>Hardware type (1 = Ethernet).</summary>
    public byte HardwareType => _buffer[HardwareTypeOffset];
    /// <summary>Hardware address length (6 for Ethernet).</summary>
    public byte HardwareLength => _buffer[HardwareLengthOffset];
    /// <summary>Transaction id chosen by the client.</summary>
    public uint TransactionId => BinaryPrimitives.ReadUInt32BigEndian(_buffer[TransactionIdOffset..]);
    /// <summary>Seconds since the client began.</summary>
    public ushort Seconds => BinaryPrimitives.ReadUInt16BigEndian(_buffer[SecondsOffset..]);
    /// <summary>The broadcast flag (RFC 2131 §2, figure 2).</summary>
    public bool Broadcast => (_buffer[FlagsOffset] & 0x80) != 0;
    /// <summary>ciaddr: the client's address when it already has one.</summary>
    public Ipv4Address ClientAddress => Ipv4Address.Read(_buffer[ClientAddressOffset..]);
    /// <summary>yiaddr: the address offered or assigned.</summary>
    public Ipv4Address YourAddress => Ipv4Address.Read(_buffer[YourAddressOffset..]);
    /// <summary>siaddr: next server (for boot).</summary>
    public Ipv4Address ServerAddress => Ipv4Address.Read(_buffer[ServerAddressOffset..]);
    /// <summary>giaddr: relay agent.</summary>
    public Ipv4Address RelayAddress => Ipv4Address.Read(_buffer[RelayAddressOffset..]);
    /// <summary>The first 6 bytes of chaddr.</summary>
    public ReadOnlySpan<byte> ClientHardwareAddress => _buffer.Slice(ClientHardwareOffset, 6);
    /// <summary>The options area after the magic cookie.</summary>
    public ReadOnlySpan<byte> Options => _buffer[OptionsOffset..];
}
