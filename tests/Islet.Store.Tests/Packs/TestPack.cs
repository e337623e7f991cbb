using System.Buffers.Binary;
using System.IO.Compression;
using Islet.Crypto;
using Islet.Store.Git;

namespace Islet.Store.Tests.Packs;

/// <summary>Builds small packs and v2 indexes by hand (SHA-1), for cases git will not write.</summary>
internal sealed class TestPack
{
    private readonly MemoryStream _body = new();
    private readonly List<(GitObjectId Id, long Offset)> _entries = [];

    public TestPack() => _body.Write(new byte[12]);

    public int Count { get; set; } = -1;

    public long Add(GitObjectType type, byte[] content) =>
        AddEntry((int)type, content.Length, [], Compress(content), GitObjectId.Compute(type, content));

    public long AddOfsDelta(long baseOffset, byte[] delta, GitObjectId resultId) =>
        AddEntry(6, delta.Length, OfsDistance(_body.Position - baseOffset), Compress(delta), resultId);

    public long AddRefDelta(GitObjectId baseId, byte[] delta, GitObjectId resultId) =>
        AddEntry(7, delta.Length, baseId.Bytes.ToArray(), Compress(delta), resultId);

    public long AddEntry(int type, long size, byte[] extra, byte[] data, GitObjectId id)
    {
        long offset = _body.Position;
        _body.Write(TypeAndSize(type, size));
        _body.Write(extra);
        _body.Write(data);
        _entries.Add((id, offset));
        return offset;
    }

    public (byte[] Pack, byte[] Index) Build(bool allLarge = false)
    {
        byte[] pack = [.. _body.ToArray(), .. new byte[20]];
        "PACK"u8.CopyTo(pack);
        BinaryPrimitives.WriteUInt32BigEndian(pack.AsSpan(4), 2);
        BinaryPrimitives.WriteUInt32BigEndian(pack.AsSpan(8), (uint)(Count < 0 ? _entries.Count : Count));
        FixChecksum(pack);
        return (pack, BuildIndex(_entries, pack.AsSpan(pack.Length - 20).ToArray(), allLarge));
    }

    public static byte[] BuildIndex(IEnumerable<(GitObjectId Id, long Offset)> entries, byte[] packChecksum, bool allLarge)
    {
        var sorted = entries.OrderBy(e => e.Id).ToList();
        var index = new MemoryStream();
        index.Write([0xff, (byte)'t', (byte)'O', (byte)'c', 0, 0, 0, 2]);
        for (int b = 0; b < 256; b++)
            WriteU32(index, (uint)sorted.Count(e => e.Id.Bytes[0] <= b));
        foreach (var e in sorted) index.Write(e.Id.Bytes);
        foreach (var _ in sorted) WriteU32(index, 0);
        var large = new List<long>();
        foreach (var e in sorted)
        {
            if (allLarge || e.Offset >= 0x8000_0000)
            {
                WriteU32(index, 0x8000_0000 | (uint)large.Count);
                large.Add(e.Offset);
            }
            else
            {
                WriteU32(index, (uint)e.Offset);
            }
        }
        foreach (long l in large)
        {
            byte[] b = new byte[8];
            BinaryPrimitives.WriteUInt64BigEndian(b, (ulong)l);
            index.Write(b);
        }
        index.Write(packChecksum);
        index.Write(new byte[20]);
        byte[] result = index.ToArray();
        FixChecksum(result);
        return result;
    }

    /// <summary>Rewrites the trailing SHA-1 of a pack or index to match its contents.</summary>
    public static void FixChecksum(byte[] file) => Sha1.HashData(file.AsSpan(0, file.Length - 20), file.AsSpan(file.Length - 20));

    public static byte[] Compress(byte[] data)
    {
        var output = new MemoryStream();
        using (var z = new ZLibStream(output, CompressionLevel.Optimal, leaveOpen: true))
            z.Write(data);
        return output.ToArray();
    }

    public static byte[] TypeAndSize(int type, long size)
    {
        var bytes = new List<byte> { (byte)((type << 4) | (int)(size & 0x0f)) };
        size >>= 4;
        while (size != 0)
        {
            bytes[^1] |= 0x80;
            bytes.Add((byte)(size & 0x7f));
            size >>= 7;
        }
        return [.. bytes];
    }

    public static byte[] OfsDistance(long distance)
    {
        var bytes = new List<byte> { (byte)(distance & 0x7f) };
        while ((distance >>= 7) != 0)
        {
            distance--;
            bytes.Insert(0, (byte)(0x80 | (distance & 0x7f)));
        }
        return [.. bytes];
    }

    /// <summary>A delta: the two size varints, then the instruction bytes as given.</summary>
    public static byte[] Delta(long sourceSize, long resultSize, params byte[] instructions) =>
        [.. Varint(sourceSize), .. Varint(resultSize), .. instructions];

    private static byte[] Varint(long value)
    {
        var bytes = new List<byte>();
        do
        {
            byte b = (byte)(value & 0x7f);
            value >>= 7;
            bytes.Add(value != 0 ? (byte)(b | 0x80) : b);
        }
        while (value != 0);
        return [.. bytes];
    }

    private static void WriteU32(Stream s, uint v)
    {
        byte[] b = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(b, v);
        s.Write(b);
    }
}
