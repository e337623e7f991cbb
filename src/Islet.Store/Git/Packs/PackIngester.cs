using System.Buffers.Binary;
using Islet.Store.Backends;
using Islet.Store.Git.Internal;
using Islet.Store.Git.Packs.Internal;

namespace Islet.Store.Git.Packs;

/// <summary>
/// Takes a pack from a stream into an <see cref="IObjectStore"/>, as <c>git index-pack --stdin</c>
/// does for fetch, push and clone: the bytes go to <see cref="IObjectStore.BeginPackImport"/>'s
/// storage as they arrive, every entry is checked, deltas are resolved by reading the stored bytes
/// back, and the pack is published with a version-2 index only when all of it is sound.
/// </summary>
/// <remarks>
/// <para>Entry boundaries: pack entries do not record their compressed length, so each entry is
/// inflated with <see cref="ZlibInflater"/>, which takes exactly the bytes of one zlib stream.</para>
/// <para>Memory: about 80 bytes per object (the 64-byte entries, the delta children, the index's order), the largest object, and the delta cache
/// (<see cref="PackIngestOptions.DeltaCacheBytes"/>); never the whole pack.</para>
/// <para>Bytes after the trailer are never read: the ingester asks the source for no more than a
/// well-formed pack still has (every entry takes at least 9 bytes, the trailer 20 or 32), so whatever
/// follows the pack (a flush packet, the next message) stays in <c>source</c> for the caller.</para>
/// <para>Reads: before each entry the source is awaited for up to 64 KiB (bounded as above); an entry
/// whose compressed data runs past what is buffered continues with synchronous reads of
/// <c>source</c>, and delta resolution reads the import's storage synchronously.</para>
/// </remarks>
public static class PackIngester
{
    /// <summary>The inflate buffer is kept between entries up to this size, and dropped after a larger object.</summary>
    private const int ScratchKeptBytes = 1 << 20;

    /// <summary>
    /// Reads one pack (gitformat-pack: <c>PACK</c>, version 2 or 3, the object count, the entries,
    /// the checksum in the store's algorithm) from <paramref name="source"/>, checks it, and commits it
    /// to <paramref name="store"/> with its index.
    /// </summary>
    /// <exception cref="GitPackException">The pack is malformed, truncated, corrupt, refers to missing
    /// bases, or breaks a limit in <paramref name="options"/>. The store is then unchanged.</exception>
    /// <exception cref="IOException">The source or the store's storage failed; the store is then unchanged.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> fired; the store is then unchanged.</exception>
    public static async ValueTask<PackIngestResult> IngestAsync(Stream source, IObjectStore store, PackIngestOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(store);
        options ??= new PackIngestOptions();
        using IPackImport import = store.BeginPackImport();
        GitHashAlgorithm algorithm = store.Algorithm;
        int idLength = GitObjectId.LengthOf(algorithm);
        using var input = new PackStreamInput(source, import.Data, algorithm, options.MaxPackBytes, cancellationToken);
        var inflater = new ZlibInflater();

        input.MinimumRemaining = 12 + idLength;
        await input.PrefetchAsync().ConfigureAwait(false);
        int count = ReadHeader(input, options);
        var entries = new PackIngestEntryTable(idLength);
        var referenceBases = new List<(int Index, GitObjectId BaseId)>();
        byte[] scratch = [];
        for (int i = 0; i < count; i++)
        {
            input.MinimumRemaining = 9L * (count - i) + idLength;
            await input.PrefetchAsync().ConfigureAwait(false);
            input.MinimumRemaining = 1L + idLength + 9L * (count - i - 1);
            ReadEntry(input, inflater, ref scratch, entries, referenceBases, algorithm, options);
            options.Progress?.Invoke(i + 1, count);
        }
        long entriesEnd = input.Offset;
        input.MinimumRemaining = idLength;
        await input.PrefetchAsync().ConfigureAwait(false);
        byte[] trailer = input.TakeTrailer(idLength);
        if (!input.Hasher.Finish().AsSpan().SequenceEqual(trailer))
            PackThrow.Error(GitPackError.ChecksumMismatch, "The pack's trailing checksum does not match its contents.");

        Stream data = import.Data;
        using var resolver = new PackDeltaResolver(data, entries, referenceBases, entriesEnd, options, algorithm, inflater);
        resolver.Resolve(store, cancellationToken);
        if (resolver.Appended > 0)
            trailer = FinishThinPack(data, entries.Count, resolver.AppendOffset, algorithm);
        data.Flush();
        long length = data.Length;

        // The index's order as entry numbers sorted by id (4 bytes an object), not a sorted copy of the entries.
        var index = new PackIngestIndexView(entries);
        for (int i = 1; i < index.Count; i++)
        {
            if (index[i].Id == index[i - 1].Id)
                PackThrow.Error(GitPackError.BadEntry, $"Object {index[i].Id} appears twice in the pack (at {index[i - 1].Offset} and {index[i].Offset}).");
        }
        byte[] encoded = PackIndexEncoder.Encode(index, trailer, algorithm);
        int objects = entries.Count;
        // Publishing makes the store read the new index back: the table goes first, so the two are never held together.
        entries.Clear();
        import.Commit(PackIndex.Parse(encoded, algorithm));
        return new PackIngestResult(objects, resolver.Appended, trailer, length);
    }

    private static int ReadHeader(PackStreamInput input, PackIngestOptions options)
    {
        Span<byte> header = stackalloc byte[12];
        input.ReadExactly(header);
        if (!header[..4].SequenceEqual("PACK"u8))
            PackThrow.Error(GitPackError.BadHeader, "Not a pack (no PACK magic).");
        uint version = BinaryPrimitives.ReadUInt32BigEndian(header[4..]);
        if (version is not (2 or 3))
            PackThrow.Error(GitPackError.BadHeader, $"Pack version {version} is not supported (2 or 3).");
        uint count = BinaryPrimitives.ReadUInt32BigEndian(header[8..]);
        if (count > (uint)options.MaxObjects)
            PackThrow.Error(GitPackError.LimitExceeded, $"The pack declares {count} objects; the limit is {options.MaxObjects}.");
        return (int)count;
    }

    /// <summary>Reads one entry into <paramref name="entries"/>: its header, then its zlib data (inflated to find its end and check it); whole objects get their id now.</summary>
    private static void ReadEntry(PackStreamInput input, ZlibInflater inflater, ref byte[] scratch, PackIngestEntryTable entries,
        List<(int Index, GitObjectId BaseId)> referenceBases, GitHashAlgorithm algorithm, PackIngestOptions options)
    {
        input.BeginEntry();
        long offset = input.Offset;
        PackEntryHeader header = PackEntryHeaderReader.Read(input, offset, GitObjectId.LengthOf(algorithm));
        if (header.Size > options.MaxObjectSize || header.Size > Array.MaxLength)
            PackThrow.Error(GitPackError.LimitExceeded, $"Entry at {offset} declares {header.Size} bytes; the limit is {options.MaxObjectSize}.");
        var entry = new PackIngestEntry { Offset = offset, Kind = header.Kind, BaseIndex = -1 };
        if (header.Kind == PackEntryKind.OffsetDelta)
            entry.BaseIndex = IndexAt(entries, header.BaseOffset, offset);
        else if (header.Kind == PackEntryKind.ReferenceDelta)
            referenceBases.Add((entries.Count, header.BaseId));
        ref byte[] buffer = ref scratch;
        inflater.Inflate(input, (int)header.Size, ref buffer);
        GitObjectId id = default;
        if (!entry.IsDelta)
        {
            entry.Type = (GitObjectType)header.Kind;
            id = GitObjectId.Compute(entry.Type, buffer.AsSpan(0, (int)header.Size), algorithm);
        }
        if (buffer.Length > ScratchKeptBytes)
            buffer = [];
        entry.Crc = input.EndEntry();
        int added = entries.Add(entry);
        if (!entry.IsDelta)
            entries.SetId(added, id);
    }

    /// <summary>The index of the entry starting exactly at <paramref name="baseOffset"/>.</summary>
    private static int IndexAt(PackIngestEntryTable entries, long baseOffset, long deltaOffset)
    {
        int low = 0, high = entries.Count - 1;
        while (low <= high)
        {
            int middle = low + (high - low) / 2;
            long offset = entries[middle].Offset;
            if (offset == baseOffset)
                return middle;
            if (offset < baseOffset)
                low = middle + 1;
            else
                high = middle - 1;
        }
        return PackThrow.Error<int>(GitPackError.BadDeltaBase, $"OFS_DELTA at {deltaOffset}: no entry starts at its base offset {baseOffset}.");
    }

    /// <summary>After thin bases were appended: sets the header's count, hashes the whole pack again and writes the new trailer.</summary>
    private static byte[] FinishThinPack(Stream data, int count, long entriesEnd, GitHashAlgorithm algorithm)
    {
        Span<byte> countBytes = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(countBytes, (uint)count);
        data.Position = 8;
        data.Write(countBytes);
        var hasher = new PackHasher(algorithm);
        byte[] buffer = new byte[64 * 1024];
        data.Position = 0;
        for (long left = entriesEnd; left > 0;)
        {
            int read = data.Read(buffer, 0, (int)Math.Min(buffer.Length, left));
            if (read <= 0)
                throw new IOException("The pack import's storage ended early while rehashing the pack.");
            hasher.Append(buffer.AsSpan(0, read));
            left -= read;
        }
        byte[] trailer = hasher.Finish();
        data.Position = entriesEnd;
        data.Write(trailer);
        data.SetLength(entriesEnd + trailer.Length);
        return trailer;
    }
}
