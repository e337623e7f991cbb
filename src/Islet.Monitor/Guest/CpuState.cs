using System.Buffers.Binary;
using Islet.Monitor.Kvm;

namespace Islet.Monitor.Guest;

/// <summary>
/// The production CPU setup of a guest that runs at CPL3 with tiny CPL0 stubs (see
/// DESIGN.md, "hvt: the monitor"): the GDT, IDT, TSSs and stubs of a <see cref="GuestLayout"/>,
/// and the control registers, segment registers, MSRs and XCR0 of each vCPU.
/// <para>
/// GDT: null, kernel code 0x08, kernel data 0x10, user data 0x18 (selector 0x1B), user code
/// 0x20 (selector 0x23), then one 16-byte TSS descriptor per vCPU from 0x28, which is the
/// order SYSCALL/SYSRET need with STAR = 0x0013_0008_0000_0000.
/// </para>
/// <para>
/// Exception vector <c>v</c> (0 to 31) enters, on the vCPU's exception stack, a stub that
/// executes <c>push rdx; mov dx, 0x100+v; out dx, al</c>: the exit is an OUT of one byte to port
/// <see cref="ExceptionPort"/>(v), RDX holds that port, the guest's RDX is at [RSP], and the CPU's
/// frame (error code when the vector has one, then RIP, CS, RFLAGS, RSP, SS) starts at RSP+8.
/// No other register changes. Resuming at the instruction after the OUT restores RDX, drops
/// the error code and returns with IRETQ. SYSCALL enters the stub at
/// <see cref="GuestLayout.SyscallEntry"/>, which executes <c>out <see cref="SyscallPort"/>, al</c>
/// and changes no register; it must not be resumed (a UD2 follows): the monitor returns with
/// <see cref="CompleteSyscall"/> instead, because SYSRETQ faults under kvm_pvm.
/// </para>
/// <para>
/// Under kvm_pvm (measured), SYSCALL from CPL3 jumps to LSTAR with RCX set but stays at CPL3
/// (CS 0x23), R11 reads 0x202 whatever the guest's RFLAGS were, and IOPL 3 does not let CPL3
/// use OUT. So each TSS carries an I/O permission bitmap that allows exactly
/// <see cref="SyscallPort"/> (one byte wide) at CPL3; without it the stub's OUT raised #GP.
/// On hardware KVM the stub runs at CPL0 and the bitmap does not matter.
/// </para>
/// </summary>
public sealed class CpuState
{
    /// <summary>The kernel (stub) code selector.</summary>
    public const ushort KernelCodeSelector = 0x08;
    /// <summary>The kernel data selector (SS after SYSCALL).</summary>
    public const ushort KernelDataSelector = 0x10;
    /// <summary>The user data selector, RPL 3.</summary>
    public const ushort UserDataSelector = 0x1B;
    /// <summary>The user 64-bit code selector, RPL 3.</summary>
    public const ushort UserCodeSelector = 0x23;
    /// <summary>The selector of vCPU 0's TSS; vCPU i uses this + 16 i.</summary>
    public const ushort FirstTssSelector = 0x28;
    /// <summary>The port the syscall stub writes AL to (below 256, so OUT imm8 reaches it and the TSS I/O bitmap covers it).</summary>
    public const ushort SyscallPort = 0xF0;
    /// <summary>The port of exception vector 0; vector v writes to this + v.</summary>
    public const ushort ExceptionPortBase = 0x100;
    /// <summary>The number of exception vectors with a gate and a stub.</summary>
    public const int ExceptionVectors = 32;
    /// <summary>Bytes between consecutive stubs.</summary>
    public const int StubSize = 16;

    /// <summary>EFER: SCE | LME | LMA | NXE.</summary>
    public const ulong Efer = 0x1 | 0x100 | 0x400 | 0x800;
    /// <summary>CR0: PE | MP | ET | NE | WP | PG.</summary>
    public const ulong Cr0 = 0x8005_0033;
    /// <summary>STAR: SYSCALL loads CS 0x08 / SS 0x10; SYSRET would load CS 0x23 / SS 0x1B.</summary>
    public const ulong Star = (0x13UL << 48) | ((ulong)KernelCodeSelector << 32);
    /// <summary>SFMASK: SYSCALL clears TF, IF, DF, IOPL, NT and AC.</summary>
    public const ulong SyscallFlagMask = 0x100 | 0x200 | 0x400 | 0x4000 | 0x40000;

    /// <summary>IA32_STAR.</summary>
    public const uint MsrStar = 0xC000_0081;
    /// <summary>IA32_LSTAR.</summary>
    public const uint MsrLstar = 0xC000_0082;
    /// <summary>IA32_FMASK.</summary>
    public const uint MsrSyscallMask = 0xC000_0084;

    private const ulong Cr4Pae = 0x20, Cr4Osfxsr = 0x200, Cr4Osxmmexcpt = 0x400, Cr4Osxsave = 0x4_0000;
    private const ulong XcrX87 = 1, XcrSse = 2, XcrAvx = 4;
    private const int TssSize = 104;
    // The I/O bitmap covers ports 0 to 255 (32 bytes) and ends with the 0xFF byte the CPU requires.
    private const int IoBitmapBytes = 33;
    private const int TssLimit = TssSize + IoBitmapBytes - 1;

    private readonly KvmCpuidEntry2[] _cpuid;

    /// <summary>The setup for <paramref name="layout"/>, with the CPUID the vCPUs will get.</summary>
    /// <param name="layout">Where the structures live.</param>
    /// <param name="cpuid">Usually <see cref="KvmSystem.GetSupportedCpuid"/>; decides OSXSAVE and XCR0.</param>
    public CpuState(GuestLayout layout, IEnumerable<KvmCpuidEntry2> cpuid)
    {
        Layout = layout;
        _cpuid = [.. cpuid];
        KvmCpuidEntry2? features = Find(1, 0);
        bool xsave = features is { } f && (f.Ecx & (1u << 26)) != 0;
        bool avx = features is { } g && (g.Ecx & (1u << 28)) != 0;
        Cr4 = Cr4Pae | Cr4Osfxsr | Cr4Osxmmexcpt | (xsave ? Cr4Osxsave : 0);
        if (xsave)
        {
            ulong supported = Find(0xD, 0) is { } d ? d.Eax : XcrX87 | XcrSse;
            Xcr0 = (XcrX87 | XcrSse | (avx ? XcrAvx : 0)) & supported | XcrX87;
        }
    }

    /// <summary>The layout the structures are built for.</summary>
    public GuestLayout Layout { get; }

    /// <summary>CR4: PAE, OSFXSR, OSXMMEXCPT, and OSXSAVE when CPUID reports XSAVE.</summary>
    public ulong Cr4 { get; }

    /// <summary>XCR0: x87, plus SSE and AVX where CPUID allows; 0 when there is no XSAVE (XCR0 is then left alone).</summary>
    public ulong Xcr0 { get; }

    /// <summary>The 64-bit user code segment (CPL3).</summary>
    public static KvmSegment UserCode => Segment(UserCodeSelector, type: 0xB, longMode: true);

    /// <summary>The user data segment (CPL3), for SS, DS, ES, FS and GS.</summary>
    public static KvmSegment UserData => Segment(UserDataSelector, type: 0x3, longMode: false);

    /// <summary>The TSS selector of vCPU <paramref name="vcpu"/>.</summary>
    public static ushort TssSelector(int vcpu) => (ushort)(FirstTssSelector + 16 * vcpu);

    /// <summary>The port exception stub <paramref name="vector"/> writes to.</summary>
    public static ushort ExceptionPort(int vector) => (ushort)(ExceptionPortBase + vector);

    /// <summary>True, with the vector, when <paramref name="port"/> is an exception stub's port.</summary>
    public static bool TryGetExceptionVector(ushort port, out int vector)
    {
        vector = port - ExceptionPortBase;
        if (vector is >= 0 and < ExceptionVectors) return true;
        vector = -1;
        return false;
    }

    /// <summary>
    /// The bytes of the whole system area (<see cref="GuestLayout.Size"/> bytes), to be copied to
    /// guest-physical <see cref="GuestLayout.Base"/>: GDT, IDT, stubs, TSSs; the exception stacks are zero.
    /// </summary>
    public byte[] BuildSystemArea()
    {
        GuestLayout l = Layout;
        var area = new byte[l.Size];
        Span<byte> gdt = area.AsSpan(0, (int)GuestLayout.PageSize);
        Write64(gdt, KernelCodeSelector, 0x00AF_9B00_0000_FFFF); // code, 64-bit, DPL 0, accessed
        Write64(gdt, KernelDataSelector, 0x00CF_9300_0000_FFFF); // data, DPL 0, accessed
        Write64(gdt, UserDataSelector & ~3, 0x00CF_F300_0000_FFFF); // data, DPL 3, accessed
        Write64(gdt, UserCodeSelector & ~3, 0x00AF_FB00_0000_FFFF); // code, 64-bit, DPL 3, accessed
        for (int i = 0; i < l.VcpuCount; i++)
        {
            ulong tss = l.Tss(i);
            ulong low = TssLimit | ((tss & 0xFF_FFFF) << 16) | (0x8BUL << 40) | ((tss >> 24 & 0xFF) << 56); // busy 64-bit TSS, present
            Write64(gdt, TssSelector(i), low);
            Write64(gdt, TssSelector(i) + 8, tss >> 32);

            Span<byte> t = area.AsSpan((int)(tss - l.Base), TssLimit + 1);
            Write64(t, 4, l.ExceptionStackTop(i)); // RSP0
            BinaryPrimitives.WriteUInt16LittleEndian(t[102..], TssSize); // the I/O bitmap follows the TSS
            Span<byte> ioBitmap = t[TssSize..];
            ioBitmap.Fill(0xFF); // every port denied at CPL3 ...
            ioBitmap[SyscallPort / 8] &= unchecked((byte)~(1 << (SyscallPort % 8))); // ... except the syscall port
        }

        Span<byte> idt = area.AsSpan((int)(l.Idt - l.Base), (int)GuestLayout.PageSize);
        Span<byte> stubs = area.AsSpan((int)(l.Stubs - l.Base), (int)GuestLayout.PageSize);
        for (int v = 0; v < ExceptionVectors; v++)
        {
            ulong stub = l.Stubs + (ulong)(v * StubSize);
            byte attributes = v is 3 or 4 ? (byte)0xEE : (byte)0x8E; // interrupt gate; INT3 and INTO allowed from CPL3
            ulong low = (stub & 0xFFFF) | ((ulong)KernelCodeSelector << 16) | ((ulong)attributes << 40) | ((stub >> 16 & 0xFFFF) << 48);
            Write64(idt, v * 16, low);
            Write64(idt, v * 16 + 8, stub >> 32);
            WriteExceptionStub(stubs.Slice(v * StubSize, StubSize), v);
        }
        Span<byte> syscall = stubs[(int)(l.SyscallEntry - l.Stubs)..];
        syscall[0] = 0xE6; syscall[1] = (byte)SyscallPort; // out imm8, al
        syscall[2] = 0x0F; syscall[3] = 0x0B;              // ud2
        return area;
    }

    /// <summary>
    /// Loads vCPU <paramref name="index"/> with this setup: CPUID, control registers (CR3 =
    /// <paramref name="pageTableRoot"/>), EFER, GDT, IDT, its TSS, CPL3 segments, STAR, LSTAR,
    /// SFMASK and XCR0. General registers (RIP, RSP, RFLAGS) are the caller's.
    /// </summary>
    /// <exception cref="KvmException">KVM refused a value.</exception>
    public void Apply(KvmVcpu vcpu, int index, ulong pageTableRoot)
    {
        vcpu.SetCpuid(_cpuid);
        KvmSregs s = vcpu.GetSregs();
        s.Cr0 = Cr0;
        s.Cr3 = pageTableRoot;
        s.Cr4 = Cr4;
        s.Efer = Efer;
        s.Gdt = new KvmDtable { Base = Layout.Gdt, Limit = (ushort)(TssSelector(Layout.VcpuCount) - 1) };
        s.Idt = new KvmDtable { Base = Layout.Idt, Limit = ExceptionVectors * 16 - 1 };
        s.Cs = UserCode;
        s.Ss = s.Ds = s.Es = s.Fs = s.Gs = UserData;
        s.Tr = new KvmSegment { Base = Layout.Tss(index), Limit = TssLimit, Selector = TssSelector(index), Type = 0xB, Present = 1 };
        vcpu.SetSregs(s);
        vcpu.SetMsrs([new(MsrStar, Star), new(MsrLstar, Layout.SyscallEntry), new(MsrSyscallMask, SyscallFlagMask)]);
        if (Xcr0 != 0)
        {
            var xcrs = new KvmXcrs { Count = 1 };
            xcrs.Xcrs[0] = new KvmXcr { Xcr = 0, Value = Xcr0 };
            vcpu.SetXcrs(xcrs);
        }
    }

    /// <summary>
    /// Returns from the syscall the vCPU is stopped in (at the syscall stub's exit) the way
    /// SYSRETQ would: RAX = <paramref name="result"/>, RIP = RCX, RFLAGS = R11 (with RF cleared and
    /// reserved bits fixed, as SYSRET does), and the CPL3 CS and SS. Other registers are untouched.
    /// Under kvm_pvm R11 holds 0x202 rather than the guest's flags (see the class remarks).
    /// </summary>
    public static void CompleteSyscall(KvmVcpu vcpu, ulong result)
    {
        KvmRegs regs = vcpu.GetRegs();
        regs.Rax = result;
        regs.Rip = regs.Rcx;
        regs.Rflags = (regs.R11 & 0x3C_7FD7) | 2; // as SYSRET: RF cleared, reserved bits as fixed
        vcpu.SetRegs(regs);
        KvmSregs s = vcpu.GetSregs();
        s.Cs = UserCode;
        s.Ss = UserData;
        vcpu.SetSregs(s);
    }

    private static void WriteExceptionStub(Span<byte> stub, int vector)
    {
        bool errorCode = vector is 8 or 10 or 11 or 12 or 13 or 14 or 17 or 21 or 29 or 30;
        ushort port = ExceptionPort(vector);
        ReadOnlySpan<byte> body =
        [
            0x52,                                          // push rdx
            0x66, 0xBA, (byte)port, (byte)(port >> 8),     // mov dx, port
            0xEE,                                          // out dx, al
            0x5A,                                          // pop rdx
        ];
        body.CopyTo(stub);
        int at = body.Length;
        if (errorCode)
        {
            ReadOnlySpan<byte> drop = [0x48, 0x83, 0xC4, 0x08]; // add rsp, 8
            drop.CopyTo(stub[at..]);
            at += drop.Length;
        }
        stub[at] = 0x48; stub[at + 1] = 0xCF; // iretq
    }

    private KvmCpuidEntry2? Find(uint function, uint index)
    {
        foreach (KvmCpuidEntry2 e in _cpuid)
        {
            if (e.Function == function && ((e.Flags & KvmCpuidEntry2.SignificantIndex) == 0 || e.Index == index)) return e;
        }
        return null;
    }

    private static KvmSegment Segment(ushort selector, byte type, bool longMode) => new()
    {
        Limit = 0xFFFF_FFFF,
        Selector = selector,
        Type = type,
        Present = 1,
        Dpl = 3,
        S = 1,
        L = longMode ? (byte)1 : (byte)0,
        Db = longMode ? (byte)0 : (byte)1,
        G = 1,
    };

    private static void Write64(Span<byte> span, int offset, ulong value) =>
        BinaryPrimitives.WriteUInt64LittleEndian(span[offset..], value);
}
