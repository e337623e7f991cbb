using Islet.Monitor.Kvm.Internal;

namespace Islet.Monitor.Kvm;

/// <summary>
/// A range of guest physical memory backed by an anonymous host mapping and registered as
/// one KVM memory slot. Owned by its <see cref="KvmVm"/>, which unmaps it when disposed;
/// spans from <see cref="GetSpan"/> must not be used after that.
/// </summary>
public sealed class GuestRam
{
    private readonly AnonymousMapping _mapping;

    internal GuestRam(uint slot, ulong guestPhysicalAddress, AnonymousMapping mapping)
    {
        Slot = slot;
        GuestPhysicalAddress = guestPhysicalAddress;
        _mapping = mapping;
    }

    /// <summary>The KVM slot number.</summary>
    public uint Slot { get; }

    /// <summary>The first guest physical address of the range.</summary>
    public ulong GuestPhysicalAddress { get; }

    /// <summary>Bytes.</summary>
    public ulong Size => _mapping.Length;

    /// <summary>The host address of the first byte (0 once the VM is disposed).</summary>
    public nint HostAddress => _mapping.Address;

    /// <summary>
    /// The host view of <paramref name="length"/> bytes at guest physical address
    /// <paramref name="guestAddress"/>; false (and an empty span) when any byte lies
    /// outside this range or the arithmetic would overflow.
    /// </summary>
    public bool TryGetSpan(ulong guestAddress, int length, out Span<byte> span)
    {
        span = default;
        if (length < 0 || guestAddress < GuestPhysicalAddress) return false;
        ulong offset = guestAddress - GuestPhysicalAddress;
        if (offset > Size || (ulong)length > Size - offset) return false;
        nint host = _mapping.Address;
        if (host == 0) return false;
        unsafe
        {
            // SAFETY: [offset, offset + length) was checked to lie inside the live mapping of
            // Size bytes at `host`; the mapping stays until the owning VM is disposed.
            span = new Span<byte>((byte*)host + (nint)offset, length);
        }
        return true;
    }

    /// <summary>The host view of a range that must lie inside this RAM.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Part of the range is outside.</exception>
    public Span<byte> GetSpan(ulong guestAddress, int length) =>
        TryGetSpan(guestAddress, length, out Span<byte> span)
            ? span
            : throw new ArgumentOutOfRangeException(nameof(guestAddress), $"guest range 0x{guestAddress:x}+{length} is outside RAM 0x{GuestPhysicalAddress:x}+{Size}");

    internal void Unmap() => _mapping.Dispose();
}
