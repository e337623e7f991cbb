namespace Islet.Store.Git.Packs.Internal;

/// <summary>
/// Random-access bytes of a pack: an array in memory, or a file read through its handle, so a pack
/// opened from disk is never loaded whole. Reads are positional; safe to call from several threads.
/// </summary>
internal abstract class PackSource : IDisposable
{
    /// <summary>The pack's length in bytes.</summary>
    public abstract long Length { get; }

    /// <summary>Reads up to <paramref name="destination"/>.Length bytes at <paramref name="offset"/>; fewer only at the end.</summary>
    public abstract int ReadAt(long offset, Span<byte> destination);

    /// <summary>Releases the file handle, if any.</summary>
    public virtual void Dispose()
    {
    }

    /// <summary>Reads exactly <paramref name="destination"/>.Length bytes at <paramref name="offset"/>.</summary>
    /// <exception cref="GitPackException"><see cref="GitPackError.Truncated"/> when the pack ends first.</exception>
    public void ReadExactlyAt(long offset, Span<byte> destination)
    {
        while (destination.Length > 0)
        {
            int read = ReadAt(offset, destination);
            if (read <= 0)
                PackThrow.Error(GitPackError.Truncated, $"The pack ends at {offset}, inside a structure.");
            offset += read;
            destination = destination[read..];
        }
    }
}
