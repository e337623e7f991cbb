using System.Buffers;
using System.IO.MemoryMappedFiles;

namespace Islet.Hvt;

/// <summary>
/// A file mapped read-only, as <see cref="ReadOnlyMemory{T}"/>: the monitor loads the image from
/// the mapping instead of copying it into the managed heap first (a measured part of start-up).
/// The memory must not be used after <see cref="Dispose"/>.
/// </summary>
internal sealed unsafe class MappedFile : MemoryManager<byte>
{
    private readonly MemoryMappedFile _file;
    private readonly MemoryMappedViewAccessor _view;
    private readonly byte* _pointer;
    private readonly int _length;

    private MappedFile(MemoryMappedFile file, MemoryMappedViewAccessor view, byte* pointer, int length)
    {
        _file = file;
        _view = view;
        _pointer = pointer;
        _length = length;
    }

    /// <summary>Maps <paramref name="path"/> (at most 2 GiB).</summary>
    public static MappedFile Open(string path)
    {
        long length = new FileInfo(path).Length;
        if (length is 0 or > int.MaxValue) throw new IOException($"{path} is {length} bytes");
        var file = MemoryMappedFile.CreateFromFile(path, FileMode.Open, null, 0, MemoryMappedFileAccess.Read);
        var view = file.CreateViewAccessor(0, length, MemoryMappedFileAccess.Read);
        byte* pointer = null;
        view.SafeMemoryMappedViewHandle.AcquirePointer(ref pointer);
        // SAFETY: the view maps the whole file read-only until Dispose releases the pointer.
        return new MappedFile(file, view, pointer + view.PointerOffset, (int)length);
    }

    /// <inheritdoc />
    public override Span<byte> GetSpan() => new(_pointer, _length);

    /// <inheritdoc />
    public override MemoryHandle Pin(int elementIndex = 0) => new(_pointer + elementIndex);

    /// <inheritdoc />
    public override void Unpin()
    {
    }

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (!disposing) return;
        _view.SafeMemoryMappedViewHandle.ReleasePointer();
        _view.Dispose();
        _file.Dispose();
    }
}
