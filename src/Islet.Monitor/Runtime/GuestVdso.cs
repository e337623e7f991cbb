using System.Buffers.Binary;
using Islet.Monitor.Kvm;
using Islet.Monitor.Memory;
using Islet.Monitor.Vm;

namespace Islet.Monitor.Runtime;

/// <summary>
/// The guest's vDSO (native/islet-vdso.c, built with the assembly and embedded in it): clock_gettime,
/// gettimeofday, time and getcpu without an exit to the monitor. It occupies three areas above the
/// image, identity-mapped like it: the TSC rate page (read-only: magic, shift, mult, written here),
/// the anchor page (read-write: the guest's own TSC-to-clock anchors), then the vDSO's ELF file as
/// one read-and-execute segment. glibc finds it through AT_SYSINFO_EHDR.
/// </summary>
internal sealed class GuestVdso
{
    private const uint Magic = 0x49534c54; // "ISLT"
    private const int Shift = 32;
    private static readonly Lazy<byte[]?> s_image = new(LoadImage);

    private GuestVdso(byte[] image) => Image = image;

    /// <summary>The vDSO's ELF file.</summary>
    public byte[] Image { get; }

    /// <summary>Bytes of the three areas together.</summary>
    public ulong Span => 2 * PhysicalLayout.PageSize + PhysicalLayout.AlignUp((ulong)Image.Length, PhysicalLayout.PageSize);

    /// <summary>The vDSO embedded in this assembly, or null when it was built without one.</summary>
    public static GuestVdso? Embedded() => s_image.Value is { } image ? new GuestVdso(image) : null;

    /// <summary>The address of the vDSO's ELF header when the areas start at <paramref name="at"/>.</summary>
    public static ulong HeaderAddress(ulong at) => at + 2 * PhysicalLayout.PageSize;

    /// <summary>
    /// Writes the areas at <paramref name="at"/> (virtual = physical) and returns them as image segments.
    /// <paramref name="tscKhz"/> is the guest TSC's rate; 0 leaves the magic out, and the vDSO then makes system calls.
    /// </summary>
    public IReadOnlyList<ImageSegment> Place(GuestRam ram, ulong at, int tscKhz)
    {
        Span<byte> rate = ram.GetSpan(at, (int)PhysicalLayout.PageSize);
        rate.Clear();
        if (tscKhz > 0)
        {
            // ns = delta * mult >> 32, with mult = 10^6 * 2^32 / kHz.
            ulong mult = (1_000_000UL << Shift) / (ulong)tscKhz;
            BinaryPrimitives.WriteUInt32LittleEndian(rate, Magic);
            BinaryPrimitives.WriteUInt32LittleEndian(rate[4..], Shift);
            BinaryPrimitives.WriteUInt64LittleEndian(rate[8..], mult);
        }
        ram.GetSpan(at + PhysicalLayout.PageSize, (int)PhysicalLayout.PageSize).Clear();
        ulong header = HeaderAddress(at);
        Image.CopyTo(ram.GetSpan(header, Image.Length));
        return
        [
            new ImageSegment(at, PhysicalLayout.PageSize, Protection.Read, at),
            new ImageSegment(at + PhysicalLayout.PageSize, PhysicalLayout.PageSize, Protection.Read | Protection.Write, at + PhysicalLayout.PageSize),
            new ImageSegment(header, Span - 2 * PhysicalLayout.PageSize, Protection.Read | Protection.Execute, header),
        ];
    }

    private static byte[]? LoadImage()
    {
        using Stream? stream = typeof(GuestVdso).Assembly.GetManifestResourceStream("islet-vdso.so");
        if (stream is null) return null;
        var bytes = new byte[stream.Length];
        stream.ReadExactly(bytes);
        return bytes;
    }
}
