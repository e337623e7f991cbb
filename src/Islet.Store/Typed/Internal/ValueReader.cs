using Islet.Store.Git;
using Islet.Store.Merge;

namespace Islet.Store.Internal;

/// <summary>Decodes stored blobs with a content type, turning malformed blobs into <see cref="StoreError.CorruptValue"/>.</summary>
internal static class ValueReader
{
    public static T Decode<T>(ObjectCache cache, IContentType<T> type, StorePath path, GitObjectId blob)
    {
        byte[] bytes = cache.ReadBlob(blob);
        try
        {
            return type.Decode(bytes);
        }
        catch (MergeFormatException e)
        {
            throw new StoreException(StoreError.CorruptValue, $"The value at '{path}' (blob {blob}) does not decode: {e.Message}", e);
        }
    }

    /// <summary>The value at an entry that is a value (not a directory, gitlink or symlink); None otherwise.</summary>
    public static Optional<T> ValueOf<T>(ObjectCache cache, IContentType<T> type, StorePath path, GitTreeEntry? entry) =>
        entry is { Mode: GitTreeEntry.RegularFile or GitTreeEntry.ExecutableFile }
            ? new Optional<T>(Decode(cache, type, path, entry.Id))
            : Optional<T>.None;
}
