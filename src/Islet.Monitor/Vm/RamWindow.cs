using Islet.Monitor.Kvm;
using Islet.Monitor.Loader;

namespace Islet.Monitor.Vm;

/// <summary>A checked <see cref="IGuestMemory"/> over a range of guest-physical RAM (used to load the identity-mapped image).</summary>
public sealed class RamWindow : IGuestMemory
{
    private readonly GuestRam _ram;

    /// <summary>The range [<paramref name="baseAddress"/>, + <paramref name="size"/>) of <paramref name="ram"/>.</summary>
    public RamWindow(GuestRam ram, ulong baseAddress, ulong size)
    {
        if (!ram.TryGetSpan(baseAddress, 0, out _) || size > ram.GuestPhysicalAddress + ram.Size - baseAddress)
            throw new ArgumentOutOfRangeException(nameof(size), "the window is not inside the RAM");
        _ram = ram;
        BaseAddress = baseAddress;
        Size = size;
    }

    /// <inheritdoc />
    public ulong BaseAddress { get; }

    /// <inheritdoc />
    public ulong Size { get; }

    /// <inheritdoc />
    public void Write(ulong address, ReadOnlySpan<byte> source) => Span(address, (ulong)source.Length).CopyFrom(source);

    /// <inheritdoc />
    public void Read(ulong address, Span<byte> destination) => Span(address, (ulong)destination.Length).CopyTo(destination);

    /// <inheritdoc />
    public void Fill(ulong address, ulong length, byte value) => Span(address, length).Fill(value);

    private SpanView Span(ulong address, ulong length)
    {
        GuestMemoryBounds.CheckedOffset(BaseAddress, Size, address, length);
        return new SpanView(_ram, address, length);
    }

    // Large ranges are handled in chunks that fit an int.
    private readonly ref struct SpanView(GuestRam ram, ulong address, ulong length)
    {
        private const int Chunk = 1 << 30;

        public void CopyFrom(ReadOnlySpan<byte> source) => source.CopyTo(ram.GetSpan(address, source.Length));

        public void CopyTo(Span<byte> destination) => ram.GetSpan(address, destination.Length).CopyTo(destination);

        public void Fill(byte value)
        {
            for (ulong done = 0; done < length;)
            {
                int n = (int)Math.Min(length - done, Chunk);
                ram.GetSpan(address + done, n).Fill(value);
                done += (ulong)n;
            }
        }
    }
}
