using Islet.Store.Git.Packs.Internal;

namespace Islet.Store.Git.Packs;

public sealed partial class PackFile
{
    /// <summary>
    /// Checks the whole pack, as <c>git verify-pack</c> does: every index offset is distinct and inside
    /// the entries, each entry's raw bytes (from its offset to the next entry's, or to the trailer)
    /// have the CRC32 the index records, and every object reads back and hashes to its id.
    /// </summary>
    /// <exception cref="GitPackException">The first problem found.</exception>
    public void Verify()
    {
        var hasher = new PackHasher(Index.Algorithm);
        byte[] buffer = new byte[64 * 1024];
        for (long offset = 0; offset < _entriesEnd;)
        {
            int read = _pack.ReadAt(offset, buffer.AsSpan(0, (int)Math.Min(buffer.Length, _entriesEnd - offset)));
            if (read <= 0)
                PackThrow.Error(GitPackError.Truncated, $"The pack ends at {offset}, before its trailer.");
            hasher.Append(buffer.AsSpan(0, read));
            offset += read;
        }
        if (!hasher.Finish().AsSpan().SequenceEqual(Index.PackChecksum))
            PackThrow.Error(GitPackError.ChecksumMismatch, "The pack's trailing checksum does not match its contents.");
        var entries = new (long Offset, int Position)[Count];
        for (int i = 0; i < Count; i++)
            entries[i] = (Index.OffsetAt(i), i);
        Array.Sort(entries);
        for (int i = 0; i < entries.Length; i++)
        {
            long start = entries[i].Offset;
            long end = i + 1 < entries.Length ? entries[i + 1].Offset : _entriesEnd;
            if (start < 12 || end > _entriesEnd || end <= start)
                PackThrow.Error(GitPackError.BadIndex, $"Index entry {entries[i].Position} has offset {start}, outside the entries or shared with another.");
            if (CrcOf(start, end) != Index.Crc32At(entries[i].Position))
                PackThrow.Error(GitPackError.ChecksumMismatch, $"The entry at {start} does not have the CRC32 its index records.");
        }
        for (int i = 0; i < Count; i++)
            TryRead(Index.IdAt(i), out _, out _);
    }

    private uint CrcOf(long start, long end)
    {
        Span<byte> buffer = stackalloc byte[4096];
        uint crc = 0;
        while (start < end)
        {
            int read = _pack.ReadAt(start, buffer[..(int)Math.Min(buffer.Length, end - start)]);
            if (read <= 0)
                PackThrow.Error(GitPackError.Truncated, $"The pack ends at {start}, inside an entry.");
            crc = PackCrc32.Update(crc, buffer[..read]);
            start += read;
        }
        return crc;
    }
}
