using System.Buffers;

namespace Islet.Internal.Content;

/// <summary>
/// Exposes memory that is never moved or freed (constant data in the assembly image, an RVA
/// static) as <see cref="Memory{T}"/> without copying it.
/// </summary>
/// <remarks>
/// The memory is read-only: in a loaded image it lies in a read-only section, so writing
/// through <see cref="GetSpan"/> faults. Callers hand it out only as
/// <see cref="ReadOnlyMemory{T}"/>. Pinning is a no-op because the data never moves, and
/// disposing frees nothing because the image owns the data.
/// </remarks>
internal sealed unsafe class StaticMemoryManager : MemoryManager<byte>
{
    private readonly byte* _pointer;
    private readonly int _length;

    /// <summary>Wraps <paramref name="length"/> bytes at <paramref name="pointer"/>, which must stay valid and unmoved for the process's lifetime.</summary>
    public StaticMemoryManager(byte* pointer, int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        _pointer = pointer;
        _length = length;
    }

    public override Span<byte> GetSpan()
    {
        // SAFETY: _pointer and _length describe image data that is mapped for the whole life of
        // the process and never moved by the GC (it is not in the managed heap).
        return new Span<byte>(_pointer, _length);
    }

    public override MemoryHandle Pin(int elementIndex = 0)
    {
        if ((uint)elementIndex > (uint)_length) throw new ArgumentOutOfRangeException(nameof(elementIndex));
        // SAFETY: the index is within [0, _length], so the pointer stays inside (or one past the
        // end of) the static block, which never moves: no pinning is needed.
        return new MemoryHandle(_pointer + elementIndex);
    }

    public override void Unpin()
    {
        // Nothing was pinned.
    }

    protected override void Dispose(bool disposing)
    {
        // The image owns the memory; there is nothing to free.
    }
}
