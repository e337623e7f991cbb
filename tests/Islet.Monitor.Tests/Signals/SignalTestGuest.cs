using System.Buffers.Binary;
using Islet.Monitor.Kvm;
using Islet.Monitor.Loader;
using Islet.Monitor.Signals;

namespace Islet.Monitor.Tests.Signals;

/// <summary>An in-memory guest for signal tests: 1 MiB of memory at 1 MiB, a thread, an action table.</summary>
internal sealed class SignalTestGuest
{
    public const ulong Base = 0x10_0000;
    public const int Size = 0x10_0000;
    public const ulong StackTop = Base + 0xC_0000;
    public const ulong Handler = 0x40_1000;
    public const ulong Restorer = 0x40_2000;

    public ByteArrayGuestMemory Memory { get; } = new(Base, Size);
    public ThreadSignals Thread { get; } = new();
    public SignalActionTable Actions { get; } = new();
    public XstateFormat Format { get; } = XstateFormat.Avx;

    public static SignalAction HandlerAction(SignalActionFlags flags = SignalActionFlags.SigInfo, SignalSet mask = default) =>
        new(Handler, flags | SignalActionFlags.Restorer, Restorer, mask);

    public static KvmRegs RandomRegs(Random random, ulong rsp)
    {
        return new KvmRegs
        {
            Rax = Next(random), Rbx = Next(random), Rcx = Next(random), Rdx = Next(random),
            Rsi = Next(random), Rdi = Next(random), Rsp = rsp, Rbp = Next(random),
            R8 = Next(random), R9 = Next(random), R10 = Next(random), R11 = Next(random),
            R12 = Next(random), R13 = Next(random), R14 = Next(random), R15 = Next(random),
            Rip = Next(random), Rflags = (Next(random) & 0x3F_FFFF) | 0x2,
        };
    }

    /// <summary>A valid standard-format XSAVE image: random contents, valid MXCSR, header bits within XCR0 with x87/SSE set.</summary>
    public byte[] RandomXsave(Random random)
    {
        byte[] xsave = new byte[Format.Size];
        random.NextBytes(xsave);
        xsave.AsSpan(464, 48).Clear();
        BinaryPrimitives.WriteUInt32LittleEndian(xsave.AsSpan(24), (uint)random.Next(0x10000));
        xsave.AsSpan(512, 64).Clear();
        BinaryPrimitives.WriteUInt64LittleEndian(xsave.AsSpan(512), ((ulong)random.Next(8) & Format.Xcr0) | XstateFormat.FpSse);
        return xsave;
    }

    public SignalDelivery Deliver(in KvmRegs regs, byte[] xsave, SignalInfo info, SignalAction action, SignalTrap trap = default) =>
        SignalFrame.Deliver(Memory, regs, xsave, Format, info, action, Thread, trap);

    /// <summary>The handler returns: its <c>ret</c> pops the pretcode, then the restorer calls rt_sigreturn.</summary>
    public SignalReturn Return(KvmRegs handlerRegs, byte[] xsave)
    {
        handlerRegs.Rsp += 8;
        handlerRegs.Rip = Restorer;
        return SignalFrame.Return(Memory, handlerRegs, xsave, Format, Thread);
    }

    public ulong Read64(ulong address)
    {
        Span<byte> b = stackalloc byte[8];
        Memory.Read(address, b);
        return BinaryPrimitives.ReadUInt64LittleEndian(b);
    }

    public uint Read32(ulong address)
    {
        Span<byte> b = stackalloc byte[4];
        Memory.Read(address, b);
        return BinaryPrimitives.ReadUInt32LittleEndian(b);
    }

    public void Write64(ulong address, ulong value)
    {
        Span<byte> b = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(b, value);
        Memory.Write(address, b);
    }

    public void Write32(ulong address, uint value)
    {
        Span<byte> b = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(b, value);
        Memory.Write(address, b);
    }

    private static ulong Next(Random random) => (ulong)random.NextInt64() ^ ((ulong)random.Next(2) << 63);
}
