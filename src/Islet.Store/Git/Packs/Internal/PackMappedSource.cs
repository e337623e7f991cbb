using System.IO.MemoryMappedFiles;

namespace Islet.Store.Git.Packs.Internal;

/// <summary>
/// A pack file mapped into memory read-only, as git maps its packs: a read is a copy out of the
/// page cache with no system call. Packs are never modified in place (a repack writes a new file
/// and renames it), and on Unix the mapping keeps the bytes readable after the file is deleted.
/// </summary>
internal sealed class PackMappedSource : PackSource
{
    private readonly MemoryMappedFile _file;
    private readonly MemoryMappedViewAccessor _view;

    private PackMappedSource(MemoryMappedFile file, MemoryMappedViewAccessor view, long length)
    {
        _file = file;
        _view = view;
        Length = length;
    }

    /// <summary>Maps <paramref name="path"/>; null when the file is empty or the platform cannot map it (the caller then reads through the handle).</summary>
    public static PackMappedSource? TryOpen(string path)
    {
        FileStream? stream = null;
        MemoryMappedFile? file = null;
        try
        {
            stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, 1, FileOptions.None);
            long length = stream.Length;
            if (length == 0)
            {
                stream.Dispose();
                return null;
            }
            // The mapping owns the stream from here (leaveOpen: false) and closes it with itself.
            file = MemoryMappedFile.CreateFromFile(stream, null, 0, MemoryMappedFileAccess.Read, HandleInheritability.None, leaveOpen: false);
            MemoryMappedViewAccessor view = file.CreateViewAccessor(0, length, MemoryMappedFileAccess.Read);
            return new PackMappedSource(file, view, length);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException or PlatformNotSupportedException)
        {
            if (file is not null)
                file.Dispose();
            else
                stream?.Dispose();
            return null;
        }
    }

    public override long Length { get; }

    public override int ReadAt(long offset, Span<byte> destination)
    {
        if (offset >= Length)
            return 0;
        int count = (int)Math.Min(destination.Length, Length - offset);
        _view.SafeMemoryMappedViewHandle.ReadSpan((ulong)(_view.PointerOffset + offset), destination[..count]);
        return count;
    }

    public override void Dispose()
    {
        _view.Dispose();
        _file.Dispose();
    }
}
