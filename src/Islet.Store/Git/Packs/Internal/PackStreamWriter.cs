using System.Buffers.Binary;
using System.IO.Compression;

namespace Islet.Store.Git.Packs.Internal;

/// <summary>
/// Writes a version-2 pack as a stream, for a fetch response: the objects are known beforehand (the
/// count leads the pack) but each one's content is read only when its turn comes, encoded (whole, or
/// as an OFS_DELTA against the <see cref="PackDeltaWindow"/>), and the bytes leave in chunks of
/// about <c>chunkSize</c> as they fill, followed by the running checksum. Memory is the window and
/// one chunk, not the pack; after each chunk the writer yields, so one large fetch shares the
/// event loop with everything else.
/// </summary>
internal sealed class PackStreamWriter(GitHashAlgorithm algorithm, int window, int maxDepth, CompressionLevel compression, int chunkSize = 64 * 1024)
{
    /// <summary>OFS_DELTA entries written.</summary>
    public int DeltaCount { get; private set; }

    /// <summary>Entries copied as their store held them (<see cref="PackStreamObject.Deflated"/>).</summary>
    public int ReusedCount { get; private set; }

    /// <summary>Pack bytes written, the trailer included.</summary>
    public long Length { get; private set; }

    /// <summary>
    /// Writes the pack of <paramref name="ids"/>, in that order (<paramref name="read"/> gives each
    /// one's type and content, or the zlib stream its store keeps it as), to <paramref name="sink"/>, which must take each chunk before the
    /// next is made (the chunk's memory is reused).
    /// </summary>
    public async ValueTask WriteAsync(IReadOnlyList<GitObjectId> ids, Func<GitObjectId, PackStreamObject> read,
        Func<ReadOnlyMemory<byte>, CancellationToken, ValueTask> sink, CancellationToken cancellationToken)
    {
        var hasher = new PackHasher(algorithm);
        var chunk = new MemoryStream(chunkSize + 1024);
        var deltas = new PackDeltaWindow(window, maxDepth);
        chunk.Write("PACK"u8);
        Span<byte> word = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(word, 2);
        chunk.Write(word);
        BinaryPrimitives.WriteUInt32BigEndian(word, (uint)ids.Count);
        chunk.Write(word);
        foreach (GitObjectId id in ids)
        {
            PackStreamObject source = read(id);
            GitObjectType type = source.Type;
            long offset = Length + chunk.Length;
            if (source.Deflated is byte[] stored)
            {
                // Reused as stored: the header, then the zlib stream as it is. Not a delta base here.
                PackEntryEncoder.WriteTypeAndSize(chunk, (PackEntryKind)type, source.Size);
                chunk.Write(stored);
                ReusedCount++;
            }
            else
            {
                WriteEncoded(chunk, deltas, type, source.Content!, offset);
            }
            if (chunk.Length >= chunkSize)
            {
                await SendAsync(chunk, hasher, sink, cancellationToken).ConfigureAwait(true);
                await Task.Yield();
            }
        }
        chunk.Write(HashOf(chunk, hasher));
        Length += chunk.Length;
        await sink(chunk.GetBuffer().AsMemory(0, (int)chunk.Length), cancellationToken).ConfigureAwait(true);
    }

    /// <summary>Writes <paramref name="content"/> whole or as a delta against the window, deflated, and adds it to the window.</summary>
    private void WriteEncoded(MemoryStream chunk, PackDeltaWindow deltas, GitObjectType type, byte[] content, long offset)
    {
        int depth = 0;
        if (deltas.Find(type, content) is { } delta)
        {
            PackEntryEncoder.WriteOffsetDelta(chunk, offset - delta.BaseOffset, delta.Delta, compression);
            depth = delta.BaseDepth + 1;
            DeltaCount++;
        }
        else
        {
            PackEntryEncoder.WriteWhole(chunk, type, content, compression);
        }
        deltas.Push(type, content, offset, depth);
    }

    private async ValueTask SendAsync(MemoryStream chunk, PackHasher hasher, Func<ReadOnlyMemory<byte>, CancellationToken, ValueTask> sink, CancellationToken cancellationToken)
    {
        ReadOnlyMemory<byte> bytes = chunk.GetBuffer().AsMemory(0, (int)chunk.Length);
        hasher.Append(bytes.Span);
        Length += bytes.Length;
        await sink(bytes, cancellationToken).ConfigureAwait(true);
        chunk.SetLength(0);
    }

    /// <summary>Hashes the rest of the pack (what is in <paramref name="chunk"/>) and returns the checksum.</summary>
    private static byte[] HashOf(MemoryStream chunk, PackHasher hasher)
    {
        hasher.Append(chunk.GetBuffer().AsSpan(0, (int)chunk.Length));
        return hasher.Finish();
    }
}
