using Islet.Crypto;

namespace Islet.Store.Git.Packs.Internal;

/// <summary>The trailing checksum of packs and indexes: the hash of every byte before it.</summary>
internal static class PackChecksum
{
    /// <summary>Whether the last <c>hashLength</c> bytes of <paramref name="file"/> are the hash of the rest.</summary>
    public static bool IsValid(ReadOnlySpan<byte> file, GitHashAlgorithm algorithm)
    {
        int length = GitObjectId.LengthOf(algorithm);
        Span<byte> digest = stackalloc byte[32];
        digest = digest[..length];
        Compute(file[..^length], algorithm, digest);
        return digest.SequenceEqual(file[^length..]);
    }

    /// <summary>Hashes <paramref name="data"/> into <paramref name="destination"/>.</summary>
    public static void Compute(ReadOnlySpan<byte> data, GitHashAlgorithm algorithm, Span<byte> destination)
    {
        if (algorithm == GitHashAlgorithm.Sha256)
        {
            var hash = new Sha256();
            hash.Append(data);
            hash.Finish(destination);
        }
        else
        {
            var hash = new Sha1();
            hash.Append(data);
            hash.Finish(destination);
        }
    }
}
