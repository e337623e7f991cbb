using System.Buffers.Binary;

namespace Islet.Links;

/// <summary>
/// Writes Ethernet frames in the classic pcap format with nanosecond timestamps (magic
/// 0xa1b23c4d, link type 1), readable by tcpdump, tshark and Wireshark.
/// </summary>
/// <remarks>
/// Writes are synchronous to the stream: capture is a debugging aid. Frames longer than
/// <see cref="SnapLength"/> are cut to it, as pcap allows (the original length is recorded).
/// </remarks>
public sealed class PcapWriter : IDisposable
{
    private const uint MagicNanoseconds = 0xa1b23c4d;
    private const uint LinkTypeEthernet = 1;
    private readonly Stream _stream;
    private readonly bool _ownsStream;
    private readonly byte[] _recordHeader = new byte[16];

    /// <summary>Starts a capture on <paramref name="stream"/> by writing the global header.</summary>
    public PcapWriter(Stream stream, bool ownsStream = true, int snapLength = 65535)
    {
        _stream = stream;
        _ownsStream = ownsStream;
        SnapLength = snapLength;
        Span<byte> header = stackalloc byte[24];
        BinaryPrimitives.WriteUInt32LittleEndian(header, MagicNanoseconds);
        BinaryPrimitives.WriteUInt16LittleEndian(header[4..], 2);  // version 2.4
        BinaryPrimitives.WriteUInt16LittleEndian(header[6..], 4);
        BinaryPrimitives.WriteInt32LittleEndian(header[8..], 0);   // thiszone
        BinaryPrimitives.WriteUInt32LittleEndian(header[12..], 0); // sigfigs
        BinaryPrimitives.WriteInt32LittleEndian(header[16..], snapLength);
        BinaryPrimitives.WriteUInt32LittleEndian(header[20..], LinkTypeEthernet);
        _stream.Write(header);
    }

    /// <summary>The most bytes of a frame recorded.</summary>
    public int SnapLength { get; }

    /// <summary>Frames written.</summary>
    public long Frames { get; private set; }

    /// <summary>Records one frame seen at <paramref name="unixNanoseconds"/> (nanoseconds since 1970).</summary>
    public void Write(ReadOnlySpan<byte> frame, long unixNanoseconds)
    {
        int captured = Math.Min(frame.Length, SnapLength);
        var h = _recordHeader.AsSpan();
        BinaryPrimitives.WriteUInt32LittleEndian(h, (uint)(unixNanoseconds / 1_000_000_000));
        BinaryPrimitives.WriteUInt32LittleEndian(h[4..], (uint)(unixNanoseconds % 1_000_000_000));
        BinaryPrimitives.WriteInt32LittleEndian(h[8..], captured);
        BinaryPrimitives.WriteInt32LittleEndian(h[12..], frame.Length);
        _stream.Write(h);
        _stream.Write(frame[..captured]);
        Frames++;
    }

    /// <summary>Pushes buffered records to the stream's medium.</summary>
    public void Flush() => _stream.Flush();

    /// <inheritdoc />
    public void Dispose()
    {
        _stream.Flush();
        if (_ownsStream) _stream.Dispose();
    }
}
