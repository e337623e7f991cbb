using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.InteropServices;

namespace Islet.Net.Wire;

/// <summary>
/// The Internet checksum (RFC 1071): the ones-complement of the ones-complement sum of
/// the data taken as big-endian 16-bit words.
/// </summary>
/// <remarks>
/// Sums are carried in a <see cref="ulong"/> and only folded to 16 bits at the end, so
/// partial sums may be accumulated over several spans and added together. Every span but
/// the last must have even length (an odd final byte is padded with a zero, RFC 1071 §4.1).
/// </remarks>
public static class InternetChecksum
{
    /// <summary>Adds the big-endian 16-bit words of <paramref name="data"/> to <paramref name="sum"/>.</summary>
    public static ulong Accumulate(ulong sum, ReadOnlySpan<byte> data)
    {
        int vectorBytes = Vector<uint>.Count * sizeof(uint);
        if (!Vector.IsHardwareAccelerated || data.Length < 2 * vectorBytes)
            return AccumulateScalar(sum, data);

        // RFC 1071 §2(B): the ones-complement sum is byte-order independent, so sum the data
        // as native-order 32-bit words, fold, and swap once at the end if little-endian.
        int whole = data.Length / vectorBytes * vectorBytes;
        ReadOnlySpan<uint> words = MemoryMarshal.Cast<byte, uint>(data[..whole]);
        var acc = Vector<ulong>.Zero;
        for (int i = 0; i < words.Length; i += Vector<uint>.Count)
        {
            Vector.Widen(new Vector<uint>(words[i..]), out Vector<ulong> lo, out Vector<ulong> hi);
            acc += lo + hi;
        }

        ushort native = Fold(Vector.Sum(acc));
        if (BitConverter.IsLittleEndian) native = BinaryPrimitives.ReverseEndianness(native);
        return AccumulateScalar(sum + native, data[whole..]);
    }

    /// <summary>The reference word-at-a-time implementation of <see cref="Accumulate"/>.</summary>
    internal static ulong AccumulateScalar(ulong sum, ReadOnlySpan<byte> data)
    {
        int i = 0;
        for (; i + 4 <= data.Length; i += 4)
            sum += BinaryPrimitives.ReadUInt32BigEndian(data[i..]);
        for (; i + 2 <= data.Length; i += 2)
            sum += BinaryPrimitives.ReadUInt16BigEndian(data[i..]);
        if (i < data.Length)
            sum += (uint)data[i] << 8;
        return sum;
    }

    /// <summary>Folds the carries of a partial sum into 16 bits (not complemented).</summary>
    public static ushort Fold(ulong sum)
    {
        while (sum > 0xFFFF)
            sum = (sum & 0xFFFF) + (sum >> 16);
        return (ushort)sum;
    }

    /// <summary>The checksum field value for <paramref name="data"/>: <c>~Fold(sum)</c>.</summary>
    public static ushort Compute(ReadOnlySpan<byte> data) => (ushort)~Fold(Accumulate(0, data));

    /// <summary>The final checksum of a partial sum.</summary>
    public static ushort Finish(ulong sum) => (ushort)~Fold(sum);

    /// <summary>
    /// True when <paramref name="data"/>, which includes its checksum field, sums to 0xFFFF
    /// (i.e. the checksum verifies).
    /// </summary>
    public static bool Verify(ReadOnlySpan<byte> data) => Fold(Accumulate(0, data)) == 0xFFFF;

    /// <summary>
    /// The partial sum of the IPv4 pseudo-header used by TCP and UDP (RFC 793 §3.1, RFC 768):
    /// source, destination, zero, protocol, and the upper-layer length.
    /// </summary>
    public static ulong PseudoHeaderIpv4(Ipv4Address source, Ipv4Address destination, IpProtocol protocol, int length)
    {
        uint s = source.Value, d = destination.Value;
        return (ulong)(s >> 16) + (s & 0xFFFF) + (d >> 16) + (d & 0xFFFF) + (byte)protocol + (uint)(ushort)length;
    }
}
