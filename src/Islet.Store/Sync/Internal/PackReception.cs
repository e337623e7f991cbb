using Islet.Store.Backends;
using Islet.Store.Git.Packs;

namespace Islet.Store.Sync.Internal;

/// <summary>Streams a received pack into a store through <see cref="PackIngester"/>.</summary>
internal static class PackReception
{
    /// <summary>The most bytes accepted after the pack's trailer before the stream must end.</summary>
    private const int MaxTrailingBytes = 64 * 1024;

    /// <summary>
    /// Ingests the pack read from <paramref name="pack"/> into <paramref name="store"/> (nothing is
    /// visible unless all of it is sound), then reads <paramref name="pack"/> to its end, so an
    /// error the remote reports after the pack still surfaces.
    /// </summary>
    /// <exception cref="GitPackException">The pack is malformed, truncated or corrupt; the store is unchanged.</exception>
    /// <exception cref="GitProtocolException">The framing broke or the remote reported an error.</exception>
    public static async ValueTask<PackIngestResult> ReceiveAsync(Stream pack, IObjectStore store, CancellationToken cancellationToken)
    {
        PackIngestResult result = await PackIngester.IngestAsync(pack, store, new PackIngestOptions(), cancellationToken);
        byte[] rest = new byte[4096];
        long trailing = 0;
        for (int read; (read = await pack.ReadAsync(rest, cancellationToken)) > 0;)
        {
            trailing += read;
            if (trailing > MaxTrailingBytes)
                throw new GitProtocolException(GitProtocolError.BadPack, "The remote sent data after the pack.");
        }
        return result;
    }
}
