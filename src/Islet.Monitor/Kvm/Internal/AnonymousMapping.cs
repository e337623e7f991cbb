namespace Islet.Monitor.Kvm.Internal;

/// <summary>A private anonymous read/write mapping, unmapped on dispose.</summary>
internal sealed class AnonymousMapping : IDisposable
{
    private nint _address;

    /// <summary>Maps <paramref name="length"/> zeroed bytes (no swap reservation; pages appear on first touch).</summary>
    /// <exception cref="KvmException">mmap failed.</exception>
    public AnonymousMapping(ulong length)
    {
        nint address = LibC.Mmap(0, (nuint)length, LibC.PROT_READ | LibC.PROT_WRITE,
            LibC.MAP_PRIVATE | LibC.MAP_ANONYMOUS | LibC.MAP_NORESERVE, -1, 0);
        if (address == LibC.MapFailed) ThrowHelper.CallFailed("mmap (guest RAM)");
        _address = address;
        Length = length;
    }

    /// <summary>The host address; 0 after dispose.</summary>
    public nint Address => _address;

    public ulong Length { get; }

    public void Dispose()
    {
        nint address = Interlocked.Exchange(ref _address, 0);
        if (address != 0) LibC.Munmap(address, (nuint)Length);
    }
}
