using Islet.Crypto;

namespace Islet.Store.Git.Packs.Internal;

/// <summary>An incremental hash of a pack's bytes in the repository's algorithm (SHA-1 or SHA-256).</summary>
internal sealed class PackHasher(GitHashAlgorithm algorithm)
{
    private Sha1 _sha1 = new();
    private Sha256 _sha256 = new();

    /// <summary>Hashes <paramref name="data"/> after everything appended so far.</summary>
    public void Append(ReadOnlySpan<byte> data)
    {
        if (algorithm == GitHashAlgorithm.Sha256)
            _sha256.Append(data);
        else
            _sha1.Append(data);
    }

    /// <summary>The digest of everything appended (20 or 32 bytes); resets the hash.</summary>
    public byte[] Finish()
    {
        byte[] digest = new byte[GitObjectId.LengthOf(algorithm)];
        if (algorithm == GitHashAlgorithm.Sha256)
            _sha256.Finish(digest);
        else
            _sha1.Finish(digest);
        return digest;
    }
}
