using System.Buffers.Binary;
using Islet.Devices;

namespace Islet.Net.Wire;

/// <summary>The meaning of an Ethernet II header.</summary>
public readonly record struct EthernetRepr(MacAddress Source, MacAddress Destination, EtherType EtherType)
{
    /// <summary>Length of the emitted header.</summary>
    public int HeaderLength => EthernetFrame.HeaderLength;

    /// <summary>Header plus a payload of <paramref name="payloadLength"/> bytes.</summary>
    public int BufferLength(int payloadLength) => EthernetFrame.HeaderLength + payloadLength;

    /// <summary>Reads the header fields; every well-formed view parses.</summary>
    public static bool TryParse(in EthernetFrame frame, out EthernetRepr repr)
    {
        repr = new EthernetRepr(frame.Source, frame.Destination, frame.EtherType);
        return true;
    }

    /// <summary>Writes the 14-byte header; false (nothing written) if <paramref name="destination"/> is too short.</summary>
    public bool TryWrite(Span<byte> destination, out int written)
    {
        written = 0;
        if (destination.Length < EthernetFrame.HeaderLength) return false;
        Destination.WriteTo(destination[EthernetFrame.DestinationOffset..]);
        Source.WriteTo(destination[EthernetFrame.SourceOffset..]);
        BinaryPrimitives.WriteUInt16BigEndian(destination[EthernetFrame.EtherTypeOffset..], (ushort)EtherType);
        written = EthernetFrame.HeaderLength;
        return true;
    }
}
