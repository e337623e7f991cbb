using System.Buffers.Binary;
using Islet.Monitor.Kvm;

namespace Islet.Monitor.Tests.Kvm;

/// <summary>
/// Test scaffolding for a 64-bit guest that starts at CPL3 (as DESIGN.md describes for PVM)
/// or CPL0: identity-mapped first 2 MiB (one large page with the U bit), a GDT with kernel
/// and user segments and a TSS, long mode on, and RFLAGS.IOPL = 3 so that IN/OUT run at CPL3.
/// </summary>
internal static class LongModeSetup
{
    private const ulong Pml4 = 0x10000, Pdpt = 0x11000, PageDirectory = 0x12000, Gdt = 0x13000, Tss = 0x14000;
    private const ulong Present = 1, Writable = 2, User = 4, LargePage = 0x80;
    private const ushort KernelCode = 0x08, KernelData = 0x10, UserData = 0x1B, UserCode = 0x23, TaskState = 0x28;

    /// <summary>
    /// Writes the tables into <paramref name="t"/>'s RAM, copies <paramref name="code"/> to
    /// <paramref name="address"/> and points the vCPU there at privilege level <paramref name="cpl"/> (0 or 3).
    /// </summary>
    public static void Start(KvmTestVm t, ReadOnlySpan<byte> code, ulong address, int cpl = 3)
    {
        code.CopyTo(t.Ram.GetSpan(address, code.Length));
        Write(t, Pml4, Pdpt | Present | Writable | User);
        Write(t, Pdpt, PageDirectory | Present | Writable | User);
        Write(t, PageDirectory, 0 | Present | Writable | User | LargePage);

        Write(t, Gdt + 0x08, 0x00AF_9B00_0000_FFFF); // kernel code, 64-bit
        Write(t, Gdt + 0x10, 0x00CF_9300_0000_FFFF); // kernel data
        Write(t, Gdt + 0x18, 0x00CF_F300_0000_FFFF); // user data, DPL 3
        Write(t, Gdt + 0x20, 0x00AF_FB00_0000_FFFF); // user code, 64-bit, DPL 3
        Write(t, Gdt + 0x28, 0x0000_8B00_0000_0067 | ((Tss & 0xFFFFFF) << 16)); // 64-bit TSS (busy), high half 0

        KvmSregs s = t.Vcpu.GetSregs();
        s.Cr3 = Pml4;
        s.Cr4 = 0x20 | 0x200 | 0x400;    // PAE, OSFXSR, OSXMMEXCPT
        s.Cr0 = 0x8005_0033;             // PG, WP, NE, ET, MP, PE
        s.Efer = 0x500;                  // LME, LMA
        s.Gdt = new KvmDtable { Base = Gdt, Limit = 0x37 };
        byte dpl = cpl == 0 ? (byte)0 : (byte)3;
        s.Cs = Segment(dpl == 0 ? KernelCode : UserCode, dpl, type: 0xB, longMode: true);
        s.Ss = s.Ds = s.Es = s.Fs = s.Gs = Segment(dpl == 0 ? KernelData : UserData, dpl, type: 0x3, longMode: false);
        s.Tr = new KvmSegment { Base = Tss, Limit = 0x67, Selector = TaskState, Type = 0xB, Present = 1 };
        t.Vcpu.SetSregs(s);
        t.Vcpu.SetRegs(new KvmRegs { Rip = address, Rsp = 0x8000, Rflags = 0x3002 }); // IOPL 3
    }

    private static KvmSegment Segment(ushort selector, byte dpl, byte type, bool longMode) => new()
    {
        Base = 0,
        Limit = 0xFFFF_FFFF,
        Selector = selector,
        Type = type,
        Present = 1,
        Dpl = dpl,
        S = 1,
        L = longMode ? (byte)1 : (byte)0,
        Db = longMode ? (byte)0 : (byte)1,
        G = 1,
    };

    private static void Write(KvmTestVm t, ulong address, ulong value) =>
        BinaryPrimitives.WriteUInt64LittleEndian(t.Ram.GetSpan(address, 8), value);
}
