namespace Islet.Store.Git.Packs.Internal;

/// <summary>
/// The objects just written to a pack, kept (contents included) as delta bases for the next ones, as
/// git's pack-objects window: a new object is tried against the last <c>window</c> objects of its
/// type and stored as an OFS_DELTA against the one giving the smallest delta, when that beats the
/// whole object and no chain grows deeper than <c>maxDepth</c>. Objects should come grouped by type
/// and, within a type, ordered so that similar objects are near (name hint, then size, largest first).
/// </summary>
internal sealed class PackDeltaWindow(int window, int maxDepth)
{
    /// <summary>Targets smaller than this are never deltified: the entry header would eat the gain.</summary>
    private const int MinDeltaTarget = 32;

    /// <summary>Objects from this size on need a delta under half their size.</summary>
    private const int HalfLimitFrom = 16 * 1024;

    private readonly Queue<Entry> _entries = new();
    private GitObjectType _type;

    /// <summary>The best delta of <paramref name="content"/> against the window, or null to store it whole.</summary>
    public (long BaseOffset, int BaseDepth, byte[] Delta)? Find(GitObjectType type, byte[] content)
    {
        if (window == 0 || maxDepth == 0 || content.Length < MinDeltaTarget)
            return null;
        Entry? best = null;
        byte[]? bestDelta = null;
        // A delta must save at least the room of its base distance and header to be worth a lookup.
        // From 16 KiB on, as git's try_delta, it must be under half the object: an unrelated candidate
        // is then given up halfway through its scan (a window of large random blobs costs half as much).
        int limit = content.Length >= HalfLimitFrom ? content.Length / 2 - 20 : content.Length - 16;
        // Newest first, as git tries its window.
        foreach (Entry candidate in _entries.Reverse())
        {
            if (candidate.Type != type)
                break;
            if (candidate.Depth >= maxDepth || candidate.Content.Length < content.Length / 8)
                continue;
            byte[]? delta = PackDeltaEncoder.Encode(candidate.Content, content, bestDelta?.Length ?? limit);
            if (delta is not null)
            {
                best = candidate;
                bestDelta = delta;
            }
        }
        return best is null ? null : (best.Offset, best.Depth, bestDelta!);
    }

    /// <summary>Records an object just written at <paramref name="offset"/> (at chain depth <paramref name="depth"/>), dropping the oldest beyond the window.</summary>
    public void Push(GitObjectType type, byte[] content, long offset, int depth)
    {
        if (window == 0)
            return;
        if (_entries.Count > 0 && _type != type)
            _entries.Clear();
        _type = type;
        _entries.Enqueue(new Entry(type, content, offset, depth));
        if (_entries.Count > window)
            _entries.Dequeue();
    }

    private sealed record Entry(GitObjectType Type, byte[] Content, long Offset, int Depth);
}
