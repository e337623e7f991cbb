namespace Islet.Monitor.Loader;

/// <summary>
/// An <see cref="IGuestMemory"/> over a managed byte array, for tests and tools. The array is
/// zeroed at construction, as anonymous mmap memory is. The real monitor backs guest memory
/// with mmap instead.
/// </summary>
public sealed class ByteArrayGuestMemory : IGuestMemory
{
    private readonly byte[] _bytes;

    /// <summary>Creates zeroed memory of <paramref name="size"/> bytes at <paramref name="baseAddress"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The size is negative, or the range's end overflows 64 bits.</exception>
    public ByteArrayGuestMemory(ulong baseAddress, int size)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(size);
        if (baseAddress > ulong.MaxValue - (ulong)size)
            throw new ArgumentOutOfRangeException(nameof(baseAddress), "The range's end overflows 64 bits.");
        BaseAddress = baseAddress;
        _bytes = new byte[size];
    }

    /// <inheritdoc/>
    public ulong BaseAddress { get; }

    /// <inheritdoc/>
    public ulong Size => (ulong)_bytes.Length;

    /// <summary>The whole range's bytes, for inspection; index 0 is <see cref="BaseAddress"/>.</summary>
    public ReadOnlySpan<byte> Contents => _bytes;

    /// <inheritdoc/>
    public void Write(ulong address, ReadOnlySpan<byte> source) =>
        source.CopyTo(_bytes.AsSpan(Offset(address, (ulong)source.Length), source.Length));

    /// <inheritdoc/>
    public void Read(ulong address, Span<byte> destination) =>
        _bytes.AsSpan(Offset(address, (ulong)destination.Length), destination.Length).CopyTo(destination);

    /// <inheritdoc/>
    public void Fill(ulong address, ulong length, byte value) =>
        _bytes.AsSpan(Offset(address, length), (int)length).Fill(value);

    // Checked against the array, whose length fits in an int, so the offset and length do too.
    private int Offset(ulong address, ulong length) =>
        (int)GuestMemoryBounds.CheckedOffset(BaseAddress, Size, address, length);
}
