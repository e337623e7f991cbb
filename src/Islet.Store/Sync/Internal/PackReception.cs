using Islet.Store.Backends;

namespace Islet.Store.Sync.Internal;

/// <summary>Streams a received pack into a store through the pack ingester.</summary>
internal static class PackReception
{
    /// <summary>Ingests the pack read from <paramref name="pack"/> into <paramref name="store"/>; nothing is visible unless it all succeeds.</summary>
    public static async ValueTask ReceiveAsync(Stream pack, IObjectStore store, CancellationToken cancellationToken)
    {
        await Task.Yield();
        throw new NotSupportedException("waiting for the pack ingester");
    }
}
