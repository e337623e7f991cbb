namespace Islet.Monitor.Guest;

/// <summary>
/// Where the monitor's own CPU structures live in the guest: a "system area" that is
/// identity-mapped (virtual = physical) at <see cref="Base"/>, laid out page by page as
/// GDT, IDT, stubs, the TSSs, then one exception stack per vCPU. Only the stub page is
/// executable; the exception stacks are writable; the rest is read-only (the descriptors
/// are written with their accessed bits set, so the CPU never needs to write them).
/// </summary>
public sealed class GuestLayout
{
    /// <summary>Bytes in a page.</summary>
    public const ulong PageSize = 4096;
    /// <summary>The most vCPUs the one-page GDT has room for (5 fixed entries and one 16-byte TSS descriptor each).</summary>
    public const int MaxVcpus = 253;
    /// <summary>Bytes of one TSS slot (the 104-byte 64-bit TSS and its 33-byte I/O bitmap, rounded up).</summary>
    public const int TssStride = 256;

    /// <summary>A layout for <paramref name="vcpuCount"/> vCPUs at <paramref name="systemBase"/>.</summary>
    /// <param name="systemBase">A page-aligned guest address above page 0, used as both virtual and physical.</param>
    /// <param name="vcpuCount">1 to <see cref="MaxVcpus"/>.</param>
    /// <param name="exceptionStackSize">Bytes of each vCPU's exception stack, a non-zero multiple of the page size.</param>
    /// <exception cref="ArgumentOutOfRangeException">An argument is outside the ranges above.</exception>
    public GuestLayout(ulong systemBase, int vcpuCount, ulong exceptionStackSize = PageSize)
    {
        if (systemBase < PageSize || systemBase % PageSize != 0 || systemBase >= 1UL << 46)
            throw new ArgumentOutOfRangeException(nameof(systemBase), $"0x{systemBase:x} is not a page-aligned address above page 0 and below 2^46");
        ArgumentOutOfRangeException.ThrowIfLessThan(vcpuCount, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(vcpuCount, MaxVcpus);
        if (exceptionStackSize == 0 || exceptionStackSize % PageSize != 0 || exceptionStackSize > 1 << 20)
            throw new ArgumentOutOfRangeException(nameof(exceptionStackSize), "must be a non-zero multiple of 4 KiB, at most 1 MiB");
        Base = systemBase;
        VcpuCount = vcpuCount;
        ExceptionStackSize = exceptionStackSize;
        ulong tssBytes = (ulong)(vcpuCount * TssStride);
        TssPages = (tssBytes + PageSize - 1) / PageSize;
    }

    /// <summary>The first address of the system area.</summary>
    public ulong Base { get; }

    /// <summary>How many vCPUs have a TSS and an exception stack.</summary>
    public int VcpuCount { get; }

    /// <summary>Bytes of each exception stack.</summary>
    public ulong ExceptionStackSize { get; }

    private ulong TssPages { get; }

    /// <summary>The GDT (one page).</summary>
    public ulong Gdt => Base;

    /// <summary>The IDT (one page, 256 gates of which the first 32 are filled).</summary>
    public ulong Idt => Base + PageSize;

    /// <summary>The page of CPL0 stubs: 32 exception stubs of <see cref="CpuState.StubSize"/> bytes, then the syscall stub.</summary>
    public ulong Stubs => Base + 2 * PageSize;

    /// <summary>The syscall entry stub (the value of LSTAR).</summary>
    public ulong SyscallEntry => Stubs + 32 * CpuState.StubSize;

    /// <summary>The first TSS.</summary>
    public ulong TssArea => Base + 3 * PageSize;

    /// <summary>The first exception stack (the lowest address).</summary>
    public ulong ExceptionStackArea => TssArea + TssPages * PageSize;

    /// <summary>Bytes of the whole system area.</summary>
    public ulong Size => ExceptionStackArea - Base + (ulong)VcpuCount * ExceptionStackSize;

    /// <summary>The TSS of vCPU <paramref name="vcpu"/>.</summary>
    public ulong Tss(int vcpu) => TssArea + (ulong)(CheckVcpu(vcpu) * TssStride);

    /// <summary>The initial RSP0 of vCPU <paramref name="vcpu"/>: the top (exclusive end) of its exception stack.</summary>
    public ulong ExceptionStackTop(int vcpu) => ExceptionStackArea + (ulong)(CheckVcpu(vcpu) + 1) * ExceptionStackSize;

    /// <summary>The identity mappings the system area needs, in address order.</summary>
    public IReadOnlyList<GuestMapping> Mappings() =>
    [
        new(Base, Base, 2 * PageSize, Writable: false, Executable: false),
        new(Stubs, Stubs, PageSize, Writable: false, Executable: true),
        new(TssArea, TssArea, TssPages * PageSize, Writable: false, Executable: false),
        new(ExceptionStackArea, ExceptionStackArea, (ulong)VcpuCount * ExceptionStackSize, Writable: true, Executable: false),
    ];

    private int CheckVcpu(int vcpu)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(vcpu);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(vcpu, VcpuCount);
        return vcpu;
    }
}
