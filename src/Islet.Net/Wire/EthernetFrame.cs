using System.Buffers.Binary;
using Islet.Devices;

namespace Islet.Net.Wire;

/// <summary>
/// A read-only view of an Ethernet II frame (no 802.1Q tag, no FCS): destination, source,
/// EtherType, payload. After <see cref="TryCreate"/> succeeds no accessor throws.
/// </summary>
public readonly ref struct EthernetFrame
{
    internal const int DestinationOffset = 0;
    internal const int SourceOffset = 6;
    internal const int EtherTypeOffset = 12;

    /// <summary>Length of the Ethernet II header.</summary>
    public const int HeaderLength = 14;

    private readonly ReadOnlySpan<byte> _buffer;

    private EthernetFrame(ReadOnlySpan<byte> buffer) => _buffer = buffer;

    /// <summary>Wraps <paramref name="buffer"/>; false if it is shorter than the 14-byte header.</summary>
    public static bool TryCreate(ReadOnlySpan<byte> buffer, out EthernetFrame frame)
    {
        frame = buffer.Length >= HeaderLength ? new EthernetFrame(buffer) : default;
        return buffer.Length >= HeaderLength;
    }

    /// <summary>The whole frame.</summary>
    public ReadOnlySpan<byte> Buffer => _buffer;

    /// <summary>Destination hardware address.</summary>
    public MacAddress Destination => MacAddress.FromBytes(_buffer.Slice(DestinationOffset, 6));

    /// <summary>Source hardware address.</summary>
    public MacAddress Source => MacAddress.FromBytes(_buffer.Slice(SourceOffset, 6));

    /// <summary>The EtherType field (values below 0x0600 are 802.3 lengths and are reported as-is).</summary>
    public EtherType EtherType => (EtherType)BinaryPrimitives.ReadUInt16BigEndian(_buffer[EtherTypeOffset..]);

    /// <summary>Everything after the header (may include link-layer padding).</summary>
    public ReadOnlySpan<byte> Payload => _buffer[HeaderLength..];
}
