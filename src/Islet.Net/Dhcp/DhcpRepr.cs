using System.Buffers.Binary;
using Islet.Devices;
using Islet.Net.Wire;

namespace Islet.Net.Dhcp;

/// <summary>
/// The meaning of a DHCPv4 message: the fixed fields a client uses and the options of
/// RFC 2132 it understands (message type, requested address, server identifier, lease time,
/// T1, T2, subnet mask, router, DNS). Absent addresses are unspecified, absent times 0.
/// </summary>
public readonly record struct DhcpRepr
{
    private const byte OptionPad = 0, OptionSubnetMask = 1, OptionRouter = 3, OptionDns = 6, OptionRequestedAddress = 50,
        OptionLeaseTime = 51, OptionMessageType = 53, OptionServerId = 54, OptionParameterList = 55,
        OptionRenewalTime = 58, OptionRebindingTime = 59, OptionEnd = 255;

    /// <summary>BOOTP messages are at least 300 bytes (RFC 1542 §3.1); shorter ones are padded.</summary>
    public const int MinLength = 300;

    /// <summary>True for BOOTREPLY (server to client), false for BOOTREQUEST.</summary>
    public bool IsReply { get; init; }
    /// <summary>Option 53.</summary>
    public DhcpMessageType MessageType { get; init; }
    /// <summary>xid.</summary>
    public uint TransactionId { get; init; }
    /// <summary>secs.</summary>
    public ushort Seconds { get; init; }
    /// <summary>The broadcast flag: asks the server to broadcast its reply.</summary>
    public bool Broadcast { get; init; }
    /// <summary>chaddr.</summary>
    public MacAddress ClientHardwareAddress { get; init; }
    /// <summary>ciaddr.</summary>
    public Ipv4Address ClientAddress { get; init; }
    /// <summary>yiaddr.</summary>
    public Ipv4Address YourAddress { get; init; }
    /// <summary>Option 54.</summary>
    public Ipv4Address ServerIdentifier { get; init; }
    /// <summary>Option 50.</summary>
    public Ipv4Address RequestedAddress { get; init; }
    /// <summary>Option 51, seconds (0xFFFFFFFF = infinite).</summary>
    public uint LeaseTime { get; init; }
    /// <summary>Option 58 (T1), seconds.</summary>
    public uint RenewalTime { get; init; }
    /// <summary>Option 59 (T2), seconds.</summary>
    public uint RebindingTime { get; init; }
    /// <summary>Option 1.</summary>
    public Ipv4Address SubnetMask { get; init; }
    /// <summary>Option 3, the first router.</summary>
    public Ipv4Address Router { get; init; }
    /// <summary>Option 6, the first DNS server.</summary>
    public Ipv4Address Dns { get; init; }

    /// <summary>
    /// Interprets a view. False unless htype is Ethernet with hlen 6, the options are well
    /// formed up to the end option (or the end of the buffer), and a message type is present.
    /// Unknown options are skipped; option overload (52) is not supported, so options in
    /// sname/file are ignored.
    /// </summary>
    public static bool TryParse(in DhcpMessage message, out DhcpRepr repr)
    {
        repr = default;
        if (message.HardwareType != 1 || message.HardwareLength != 6 || message.Op is not (1 or 2)) return false;
        var result = new DhcpRepr
        {
            IsReply = message.Op == 2, TransactionId = message.TransactionId, Seconds = message.Seconds,
            Broadcast = message.Broadcast, ClientHardwareAddress = MacAddress.FromBytes(message.ClientHardwareAddress),
            ClientAddress = message.ClientAddress, YourAddress = message.YourAddress,
        };
        var options = message.Options;
        while (!options.IsEmpty)
        {
            byte code = options[0];
            if (code == OptionEnd) break;
            if (code == OptionPad) { options = options[1..]; continue; }
            if (options.Length < 2 || options.Length < 2 + options[1]) return false;
            var value = options.Slice(2, options[1]);
            options = options[(2 + value.Length)..];
            switch (code)
            {
                case OptionMessageType when value.Length == 1: result = result with { MessageType = (DhcpMessageType)value[0] }; break;
                case OptionSubnetMask when value.Length == 4: result = result with { SubnetMask = Ipv4Address.Read(value) }; break;
                case OptionRouter when value.Length >= 4: result = result with { Router = Ipv4Address.Read(value) }; break;
                case OptionDns when value.Length >= 4: result = result with { Dns = Ipv4Address.Read(value) }; break;
                case OptionRequestedAddress when value.Length == 4: result = result with { RequestedAddress = Ipv4Address.Read(value) }; break;
                case OptionServerId when value.Length == 4: result = result with { ServerIdentifier = Ipv4Address.Read(value) }; break;
                case OptionLeaseTime when value.Length == 4: result = result with { LeaseTime = BinaryPrimitives.ReadUInt32BigEndian(value) }; break;
                case OptionRenewalTime when value.Length == 4: result = result with { RenewalTime = BinaryPrimitives.ReadUInt32BigEndian(value) }; break;
                case OptionRebindingTime when value.Length == 4: result = result with { RebindingTime = BinaryPrimitives.ReadUInt32BigEndian(value) }; break;
            }
        }
        if (result.MessageType is DhcpMessageType.None or > DhcpMessageType.Inform) return false;
        repr = result;
        return true;
    }

    /// <summary>Length of the emitted message (at least <see cref="MinLength"/>).</summary>
    public int BufferLength
    {
        get
        {
            int length = DhcpMessage.OptionsOffset + 3 + 1;
            if (!RequestedAddress.IsUnspecified) length += 6;
            if (!ServerIdentifier.IsUnspecified) length += 6;
            if (LeaseTime != 0) length += 6;
            if (RenewalTime != 0) length += 6;
            if (RebindingTime != 0) length += 6;
            if (!SubnetMask.IsUnspecified) length += 6;
            if (!Router.IsUnspecified) length += 6;
            if (!Dns.IsUnspecified) length += 6;
            if (!IsReply) length += 2 + ParameterList.Length;
            return Math.Max(MinLength, length);
        }
    }

    private static ReadOnlySpan<byte> ParameterList =>
        [OptionSubnetMask, OptionRouter, OptionDns, OptionLeaseTime, OptionRenewalTime, OptionRebindingTime];

    /// <summary>Writes the message (requests carry a parameter request list); false (nothing written) if too short.</summary>
    public bool TryWrite(Span<byte> destination, out int written)
    {
        written = 0;
        int length = BufferLength;
        if (destination.Length < length) return false;
        var d = destination[..length];
        d.Clear();
        d[DhcpMessage.OpOffset] = (byte)(IsReply ? 2 : 1);
        d[DhcpMessage.HardwareTypeOffset] = 1;
        d[DhcpMessage.HardwareLengthOffset] = 6;
        BinaryPrimitives.WriteUInt32BigEndian(d[DhcpMessage.TransactionIdOffset..], TransactionId);
        BinaryPrimitives.WriteUInt16BigEndian(d[DhcpMessage.SecondsOffset..], Seconds);
        if (Broadcast) d[DhcpMessage.FlagsOffset] = 0x80;
        ClientAddress.TryWrite(d[DhcpMessage.ClientAddressOffset..]);
        YourAddress.TryWrite(d[DhcpMessage.YourAddressOffset..]);
        ClientHardwareAddress.WriteTo(d[DhcpMessage.ClientHardwareOffset..]);
        BinaryPrimitives.WriteUInt32BigEndian(d[DhcpMessage.CookieOffset..], DhcpMessage.MagicCookie);
        int at = DhcpMessage.OptionsOffset;
        d[at++] = OptionMessageType; d[at++] = 1; d[at++] = (byte)MessageType;
        at = WriteAddress(d, at, OptionRequestedAddress, RequestedAddress);
        at = WriteAddress(d, at, OptionServerId, ServerIdentifier);
        at = WriteTime(d, at, OptionLeaseTime, LeaseTime);
        at = WriteTime(d, at, OptionRenewalTime, RenewalTime);
        at = WriteTime(d, at, OptionRebindingTime, RebindingTime);
        at = WriteAddress(d, at, OptionSubnetMask, SubnetMask);
        at = WriteAddress(d, at, OptionRouter, Router);
        at = WriteAddress(d, at, OptionDns, Dns);
        if (!IsReply)
        {
            d[at++] = OptionParameterList;
            d[at++] = (byte)ParameterList.Length;
            ParameterList.CopyTo(d[at..]);
            at += ParameterList.Length;
        }
        d[at] = OptionEnd;
        written = length;
        return true;
    }

    private static int WriteAddress(Span<byte> d, int at, byte code, Ipv4Address address)
    {
        if (address.IsUnspecified) return at;
        d[at] = code;
        d[at + 1] = 4;
        address.TryWrite(d[(at + 2)..]);
        return at + 6;
    }

    private static int WriteTime(Span<byte> d, int at, byte code, uint seconds)
    {
        if (seconds == 0) return at;
        d[at] = code;
        d[at + 1] = 4;
        BinaryPrimitives.WriteUInt32BigEndian(d[(at + 2)..], seconds);
        return at + 6;
    }
}
