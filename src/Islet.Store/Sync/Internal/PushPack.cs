using System.Buffers.Binary;
using Islet.Store.Backends;
using Islet.Store.Git;
using Islet.Store.Git.Packs;
using Islet.Store.Git.Packs.Internal;

namespace Islet.Store.Sync.Internal;

/// <summary>Builds the pack a push sends: what the remote lacks, deltified when it accepts OFS_DELTA.</summary>
internal static class PushPack
{
    /// <summary>
    /// The pack of the objects reachable from <paramref name="tips"/> and not from
    /// <paramref name="theirs"/>, and its object count. An empty pack (header and checksum only)
    /// when the remote already has everything, as receive-pack still expects one.
    /// </summary>
    public static (byte[] Pack, int Count) Build(IObjectStore objects, IReadOnlyList<GitObjectId> tips, IEnumerable<GitObjectId> theirs, bool offsetDeltas)
    {
        var missing = ObjectGraph.Missing(objects, tips, theirs);
        if (missing.Count == 0)
            return (EmptyPack(objects.Algorithm), 0);
        var writer = new PackWriter(objects.Algorithm, offsetDeltas ? PackWriter.DefaultWindow : 0, offsetDeltas ? PackWriter.DefaultMaxDepth : 0);
        foreach ((GitObjectId id, GitObjectType type, string hint) in missing)
        {
            if (!objects.TryRead(id, out GitObjectType stored, out byte[] content) || stored != type)
                throw new GitProtocolException(GitProtocolError.BadPack, $"Object {id} is missing from the local store.");
            writer.Add(type, content, hint);
        }
        return (writer.Encode().Pack, writer.Count);
    }

    private static byte[] EmptyPack(GitHashAlgorithm algorithm)
    {
        int idLength = GitObjectId.LengthOf(algorithm);
        byte[] pack = new byte[12 + idLength];
        "PACK"u8.CopyTo(pack);
        BinaryPrimitives.WriteUInt32BigEndian(pack.AsSpan(4), 2);
        PackChecksum.Compute(pack.AsSpan(0, 12), algorithm, pack.AsSpan(12));
        return pack;
    }
}
