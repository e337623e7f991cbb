using Microsoft.Win32.SafeHandles;

namespace Islet.Store.Git.Packs.Internal;

/// <summary>
/// A pack file read through its handle with positional reads (<see cref="RandomAccess"/>), so memory
/// does not grow with the pack. The handle stays open until disposed (or finalized), which on Unix
/// keeps the bytes readable even after a repack deletes the file.
/// </summary>
internal sealed class PackFileSource : PackSource
{
    private readonly SafeFileHandle _handle;

    public PackFileSource(string path)
    {
        _handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete);
        Length = RandomAccess.GetLength(_handle);
    }

    public override long Length { get; }

    public override int ReadAt(long offset, Span<byte> destination) =>
        offset >= Length ? 0 : RandomAccess.Read(_handle, destination[..(int)Math.Min(destination.Length, Length - offset)], offset);

    public override void Dispose() => _handle.Dispose();
}
