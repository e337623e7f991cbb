using System.Buffers.Binary;
using Islet.Monitor.Guest;
using Islet.Monitor.Kvm;

namespace Islet.Monitor.Tests.Guest;

/// <summary>The bytes of the system area, decoded by hand from the architecture manual.</summary>
public sealed class CpuStateTests
{
    private const ulong Base = 0x40_0000;

    private static KvmCpuidEntry2[] Cpuid(bool xsave, bool avx, uint xcr0Supported) =>
    [
        new() { Function = 1, Ecx = (xsave ? 1u << 26 : 0) | (avx ? 1u << 28 : 0) },
        new() { Function = 0xD, Index = 0, Flags = KvmCpuidEntry2.SignificantIndex, Eax = xcr0Supported },
    ];

    private static (CpuState Cpu, byte[] Area) Build(int vcpus = 3)
    {
        var cpu = new CpuState(new GuestLayout(Base, vcpus), Cpuid(true, true, 0x7));
        return (cpu, cpu.BuildSystemArea());
    }

    private static ulong U64(byte[] area, ulong address) => BinaryPrimitives.ReadUInt64LittleEndian(area.AsSpan((int)(address - Base)));

    [Fact]
    public void Gdt_has_the_sysret_order_and_one_tss_descriptor_per_vcpu()
    {
        var (cpu, area) = Build();
        GuestLayout l = cpu.Layout;
        Assert.Equal(0UL, U64(area, l.Gdt));
        ulong Descriptor(ushort selector) => U64(area, l.Gdt + (ulong)(selector & ~3));
        int Dpl(ulong d) => (int)(d >> 45) & 3;
        bool LongMode(ulong d) => (d >> 53 & 1) != 0;
        bool Code(ulong d) => (d >> 43 & 1) != 0;
        Assert.True(Code(Descriptor(CpuState.KernelCodeSelector)) && LongMode(Descriptor(CpuState.KernelCodeSelector)) && Dpl(Descriptor(CpuState.KernelCodeSelector)) == 0);
        Assert.True(!Code(Descriptor(CpuState.KernelDataSelector)) && Dpl(Descriptor(CpuState.KernelDataSelector)) == 0);
        Assert.True(!Code(Descriptor(CpuState.UserDataSelector)) && Dpl(Descriptor(CpuState.UserDataSelector)) == 3);
        Assert.True(Code(Descriptor(CpuState.UserCodeSelector)) && LongMode(Descriptor(CpuState.UserCodeSelector)) && Dpl(Descriptor(CpuState.UserCodeSelector)) == 3);
        // SYSRET (64-bit): CS = STAR[63:48] + 16, SS = STAR[63:48] + 8; SYSCALL: CS = STAR[47:32], SS = + 8.
        ulong userBase = CpuState.Star >> 48, kernelBase = CpuState.Star >> 32 & 0xFFFF;
        Assert.Equal(CpuState.UserCodeSelector, (ushort)((userBase + 16) | 3));
        Assert.Equal(CpuState.UserDataSelector, (ushort)((userBase + 8) | 3));
        Assert.Equal(CpuState.KernelCodeSelector, (ushort)kernelBase);
        Assert.Equal(CpuState.KernelDataSelector, (ushort)(kernelBase + 8));

        for (int i = 0; i < l.VcpuCount; i++)
        {
            ulong low = Descriptor(CpuState.TssSelector(i)), high = U64(area, l.Gdt + CpuState.TssSelector(i) + 8u);
            ulong tssBase = (low >> 16 & 0xFF_FFFF) | (low >> 56 << 24) | (high << 32);
            Assert.Equal(l.Tss(i), tssBase);
            Assert.Equal(0xBUL, low >> 40 & 0xF);
            Assert.Equal(1UL, low >> 47 & 1);
            Assert.Equal(l.ExceptionStackTop(i), U64(area, l.Tss(i) + 4)); // RSP0
        }
        Assert.NotEqual(l.ExceptionStackTop(0), l.ExceptionStackTop(1));
    }

    [Fact]
    public void Tss_io_bitmap_allows_only_the_syscall_port()
    {
        var (cpu, area) = Build();
        ulong tss = cpu.Layout.Tss(1);
        ushort bitmapOffset = BinaryPrimitives.ReadUInt16LittleEndian(area.AsSpan((int)(tss - Base + 102)));
        Span<byte> bitmap = area.AsSpan((int)(tss - Base + bitmapOffset), 33);
        for (int port = 0; port < 256; port++)
            Assert.Equal(port != CpuState.SyscallPort, (bitmap[port / 8] >> (port % 8) & 1) != 0);
        Assert.Equal(0xFF, bitmap[32]);
    }

    [Fact]
    public void Each_exception_gate_leads_to_a_stub_that_outs_to_its_own_port()
    {
        var (cpu, area) = Build();
        GuestLayout l = cpu.Layout;
        for (int v = 0; v < CpuState.ExceptionVectors; v++)
        {
            ulong low = U64(area, l.Idt + (ulong)v * 16), high = U64(area, l.Idt + (ulong)v * 16 + 8);
            ulong target = (low & 0xFFFF) | (low >> 48 << 16) | (high << 32);
            Assert.Equal(CpuState.KernelCodeSelector, (ushort)(low >> 16));
            Assert.Equal(0xEUL, low >> 40 & 0xF);                       // 64-bit interrupt gate
            Assert.Equal(v is 3 or 4 ? 3UL : 0UL, low >> 45 & 3);       // DPL
            Assert.Equal(0UL, low >> 32 & 7);                           // no IST
            Span<byte> stub = area.AsSpan((int)(target - Base), CpuState.StubSize);
            Assert.Equal(0x52, stub[0]);                                // push rdx
            Assert.Equal([0x66, 0xBA], stub[1..3].ToArray());          // mov dx, imm16
            Assert.Equal(0x100 + v, BinaryPrimitives.ReadUInt16LittleEndian(stub[3..]));
            Assert.Equal(0xEE, stub[5]);                                // out dx, al
            Assert.True(CpuState.TryGetExceptionVector(CpuState.ExceptionPort(v), out int back) && back == v);
        }
        Assert.Equal([0xE6, (byte)CpuState.SyscallPort], area.AsSpan((int)(l.SyscallEntry - Base), 2).ToArray());
        Assert.False(CpuState.TryGetExceptionVector(CpuState.SyscallPort, out _));
    }

    [Theory]
    [InlineData(true, true, 0x7u, 0x4_0620UL, 0x7UL)]
    [InlineData(true, false, 0x7u, 0x4_0620UL, 0x3UL)]
    [InlineData(true, true, 0x3u, 0x4_0620UL, 0x3UL)]
    [InlineData(false, true, 0x7u, 0x620UL, 0UL)]
    public void Cr4_and_xcr0_follow_cpuid(bool xsave, bool avx, uint supported, ulong cr4, ulong xcr0)
    {
        var cpu = new CpuState(new GuestLayout(Base, 1), Cpuid(xsave, avx, supported));
        Assert.Equal(cr4, cpu.Cr4);
        Assert.Equal(xcr0, cpu.Xcr0);
    }

    [Fact]
    public void System_area_mappings_cover_it_with_only_the_stubs_executable_and_only_the_stacks_writable()
    {
        var l = new GuestLayout(Base, 4, exceptionStackSize: 8192);
        IReadOnlyList<GuestMapping> maps = l.Mappings();
        Assert.Equal(l.Base, maps[0].VirtualAddress);
        Assert.Equal(l.Base + l.Size, maps[^1].VirtualAddress + maps[^1].Length);
        for (int i = 1; i < maps.Count; i++) Assert.Equal(maps[i - 1].VirtualAddress + maps[i - 1].Length, maps[i].VirtualAddress);
        Assert.All(maps, m => Assert.Equal(m.VirtualAddress, m.PhysicalAddress));
        Assert.All(maps, m => Assert.Equal(m.VirtualAddress == l.Stubs, m.Executable));
        Assert.All(maps, m => Assert.Equal(m.VirtualAddress == l.ExceptionStackArea, m.Writable));
        Assert.Throws<ArgumentOutOfRangeException>(() => new GuestLayout(0, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new GuestLayout(Base, GuestLayout.MaxVcpus + 1));
        Assert.Equal(GuestLayout.PageSize, l.ExceptionStackArea - l.TssArea); // 4 TSS slots of 256 bytes fit a page
        _ = new GuestLayout(Base, GuestLayout.MaxVcpus).Tss(GuestLayout.MaxVcpus - 1);
        Assert.True(CpuState.TssSelector(GuestLayout.MaxVcpus - 1) + 16 <= 4096);
    }
}
