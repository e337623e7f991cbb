using System.Buffers.Binary;
using Islet.Monitor.Kvm;
using Islet.Monitor.Signals;
using L = Islet.Monitor.Signals.Internal.SignalFrameLayout;
using static Islet.Monitor.Signals.LinuxSignal;

namespace Islet.Monitor.Tests.Signals;

public sealed class SignalFrameTests
{
    private readonly SignalTestGuest _guest = new();
    private readonly Random _random = new(1234);

    [Fact]
    public void Deliver_builds_the_kernel_frame_below_the_red_zone()
    {
        KvmRegs regs = SignalTestGuest.RandomRegs(_random, SignalTestGuest.StackTop - 3);
        regs.Rflags = 0x2 | L.FlagTrap | L.FlagDirection | L.FlagResume | 0x200 | 0x1;
        byte[] xsave = _guest.RandomXsave(_random);
        _guest.Thread.Blocked = SignalSet.Of(SIGUSR2);
        var info = SignalInfo.Fault(SIGSEGV, SignalCode.SegvAccessError, 0xdead_0000);
        var trap = new SignalTrap(14, 7, 0xdead_0000);
        SignalAction action = SignalTestGuest.HandlerAction(SignalActionFlags.SigInfo, SignalSet.Of(SIGHUP).With(SIGKILL));

        SignalDelivery d = _guest.Deliver(regs, xsave, info, action, trap);

        Assert.True(d.Delivered);
        ulong frame = d.Frame;
        KvmRegs h = d.Registers;
        Assert.Equal(frame, h.Rsp);
        Assert.Equal(0UL, (h.Rsp + 8) % 16);
        Assert.Equal((SignalTestGuest.Handler, (ulong)SIGSEGV, 0UL), (h.Rip, h.Rdi, h.Rax));
        Assert.Equal((frame + 312, frame + 8), (h.Rsi, h.Rdx));
        Assert.Equal(0x2UL | 0x200 | 0x1, h.Rflags);
        Assert.Equal(regs.Rbx, h.Rbx);
        Assert.Equal(SignalSet.Of(SIGUSR2).With(SIGHUP).With(SIGSEGV), d.Blocked);
        Assert.Equal(d.Blocked, _guest.Thread.Blocked);

        Assert.Equal(SignalTestGuest.Restorer, _guest.Read64(frame));
        ulong uc = frame + 8, sc = uc + 40;
        Assert.Equal(7UL, _guest.Read64(uc));
        Assert.Equal(0UL, _guest.Read64(uc + 8));
        Assert.Equal(SignalAltStack.Disable, (int)_guest.Read32(uc + 16 + 8));
        Assert.Equal(regs.R8, _guest.Read64(sc + 0));
        Assert.Equal(regs.R15, _guest.Read64(sc + 56));
        Assert.Equal(regs.Rdi, _guest.Read64(sc + 64));
        Assert.Equal(regs.Rax, _guest.Read64(sc + 104));
        Assert.Equal(regs.Rsp, _guest.Read64(sc + 120));
        Assert.Equal(regs.Rip, _guest.Read64(sc + 128));
        Assert.Equal(regs.Rflags, _guest.Read64(sc + 136));
        Assert.Equal(0x23UL | (0x1BUL << 48), _guest.Read64(sc + 144));
        Assert.Equal((7UL, 14UL, 0xdead_0000UL), (_guest.Read64(sc + 152), _guest.Read64(sc + 160), _guest.Read64(sc + 176)));
        Assert.Equal(SignalSet.Of(SIGUSR2).Bits, _guest.Read64(sc + 168));
        Assert.Equal(SignalSet.Of(SIGUSR2).Bits, _guest.Read64(uc + 296));
        Assert.Equal((uint)SIGSEGV, _guest.Read32(frame + 312));
        Assert.Equal((uint)SignalCode.SegvAccessError, _guest.Read32(frame + 312 + 8));
        Assert.Equal(0xdead_0000UL, _guest.Read64(frame + 312 + 16));

        ulong fp = _guest.Read64(sc + 184);
        Assert.Equal(0UL, fp % 64);
        Assert.True(fp >= frame + 440);
        Assert.True(fp + (ulong)_guest.Format.Size + 4 <= regs.Rsp - 128);
        Assert.True(fp + (ulong)_guest.Format.Size + 4 > regs.Rsp - 128 - 64);
        Assert.Equal((L.Magic1, 836u, 7UL, 832u), (_guest.Read32(fp + 464), _guest.Read32(fp + 468), _guest.Read64(fp + 472), _guest.Read32(fp + 480)));
        Assert.Equal(L.Magic2, _guest.Read32(fp + 832));
        byte[] saved = new byte[832];
        _guest.Memory.Read(fp, saved);
        Assert.Equal(xsave.AsSpan(0, 464).ToArray(), saved.AsSpan(0, 464).ToArray());
        Assert.Equal(xsave.AsSpan(512).ToArray(), saved.AsSpan(512).ToArray());
    }

    [Fact]
    public void Tgkill_siginfo_carries_pid_and_uid()
    {
        SignalDelivery d = _guest.Deliver(SignalTestGuest.RandomRegs(_random, SignalTestGuest.StackTop), _guest.RandomXsave(_random),
            SignalInfo.ThreadKill(35, 4321, 1000), SignalTestGuest.HandlerAction(SignalActionFlags.NoDefer));
        ulong info = d.Frame + 312;
        Assert.Equal((35u, 0u, unchecked((uint)-6)), (_guest.Read32(info), _guest.Read32(info + 4), _guest.Read32(info + 8)));
        Assert.Equal((4321u, 1000u), (_guest.Read32(info + 16), _guest.Read32(info + 20)));
        Assert.False(d.Blocked.Contains(35)); // SA_NODEFER
    }

    [Fact]
    public void Round_trip_restores_registers_xsave_mask_and_alt_stack()
    {
        KvmRegs regs = SignalTestGuest.RandomRegs(_random, SignalTestGuest.StackTop);
        byte[] xsave = _guest.RandomXsave(_random);
        _guest.Thread.Blocked = SignalSet.Of(SIGPIPE).With(40);
        SignalDelivery d = _guest.Deliver(regs, xsave, SignalInfo.ThreadKill(SIGUSR1, 1, 0), SignalTestGuest.HandlerAction(mask: SignalSet.Of(SIGINT)));
        byte[] restored = new byte[_guest.Format.Size];
        SignalReturn r = _guest.Return(d.Registers, restored);
        Assert.True(r.Restored);
        Assert.Equal(regs, r.Registers);
        Assert.Equal(xsave, restored);
        Assert.Equal(SignalSet.Of(SIGPIPE).With(40), _guest.Thread.Blocked);
    }

    [Fact]
    public void Edits_to_the_ucontext_and_fpstate_are_honored()
    {
        KvmRegs regs = SignalTestGuest.RandomRegs(_random, SignalTestGuest.StackTop);
        regs.Rflags = 0x202;
        SignalDelivery d = _guest.Deliver(regs, _guest.RandomXsave(_random), SignalInfo.Fault(SIGSEGV, 1, 0), SignalTestGuest.HandlerAction());
        ulong sc = d.Frame + 8 + 40, fp = _guest.Read64(sc + 184);
        // What the .NET runtime's handler does: resume in managed exception dispatch on a fresh stack frame.
        _guest.Write64(sc + 128, 0x40_5000);
        _guest.Write64(sc + 120, SignalTestGuest.StackTop - 0x1000);
        _guest.Write64(sc + 64, 0x1111);
        _guest.Write64(sc + 136, 0x3_0000 | 0x200 | 0xFFF); // RF|VM... only user-changeable bits come through
        _guest.Write64(d.Frame + 8 + 296, SignalSet.Of(SIGALRM).With(SIGKILL).Bits);
        _guest.Write32(fp + 24, 0x1F80 | 0x3F);
        _guest.Write32(fp + 160, 0xABCD_EF01); // xmm0

        byte[] restored = new byte[_guest.Format.Size];
        SignalReturn r = _guest.Return(d.Registers, restored);
        Assert.True(r.Restored);
        Assert.Equal((0x40_5000UL, SignalTestGuest.StackTop - 0x1000, 0x1111UL), (r.Registers.Rip, r.Registers.Rsp, r.Registers.Rdi));
        Assert.Equal(regs.R12, r.Registers.R12);
        ulong expectedFlags = (d.Registers.Rflags & ~L.UserChangeableFlags) | ((0x3_0000UL | 0x200 | 0xFFF) & L.UserChangeableFlags);
        Assert.Equal(expectedFlags, r.Registers.Rflags);
        Assert.Equal(0x200UL, r.Registers.Rflags & 0x200); // IF kept from the handler, not taken from the frame
        Assert.Equal(SignalSet.Of(SIGALRM), _guest.Thread.Blocked);
        Assert.Equal(0x1F80u | 0x3F, BinaryPrimitives.ReadUInt32LittleEndian(restored.AsSpan(24)));
        Assert.Equal(0xABCD_EF01u, BinaryPrimitives.ReadUInt32LittleEndian(restored.AsSpan(160)));
    }

    [Fact]
    public void The_xstate_header_always_gets_the_x87_and_sse_bits()
    {
        byte[] xsave = _guest.RandomXsave(_random);
        BinaryPrimitives.WriteUInt64LittleEndian(xsave.AsSpan(512), 0x4);
        SignalDelivery d = _guest.Deliver(SignalTestGuest.RandomRegs(_random, SignalTestGuest.StackTop), xsave,
            SignalInfo.ThreadKill(SIGUSR1, 1, 0), SignalTestGuest.HandlerAction());
        byte[] restored = new byte[_guest.Format.Size];
        Assert.True(_guest.Return(d.Registers, restored).Restored);
        Assert.Equal(0x7UL, BinaryPrimitives.ReadUInt64LittleEndian(restored.AsSpan(512)));
    }

    [Fact]
    public void A_null_fpstate_restores_the_initial_fp_state()
    {
        SignalDelivery d = _guest.Deliver(SignalTestGuest.RandomRegs(_random, SignalTestGuest.StackTop), _guest.RandomXsave(_random),
            SignalInfo.ThreadKill(SIGUSR1, 1, 0), SignalTestGuest.HandlerAction());
        _guest.Write64(d.Frame + 8 + 40 + 184, 0);
        byte[] restored = new byte[_guest.Format.Size];
        Assert.True(_guest.Return(d.Registers, restored).Restored);
        byte[] init = new byte[_guest.Format.Size];
        init[0] = 0x7F; init[1] = 0x03; init[24] = 0x80; init[25] = 0x1F;
        Assert.Equal(init, restored);
    }

    [Fact]
    public void A_broken_magic_restores_only_the_legacy_region()
    {
        byte[] xsave = _guest.RandomXsave(_random);
        SignalDelivery d = _guest.Deliver(SignalTestGuest.RandomRegs(_random, SignalTestGuest.StackTop), xsave,
            SignalInfo.ThreadKill(SIGUSR1, 1, 0), SignalTestGuest.HandlerAction());
        ulong fp = _guest.Read64(d.Frame + 8 + 40 + 184);
        _guest.Write32(fp + 832, 0); // magic2
        byte[] restored = new byte[_guest.Format.Size];
        Assert.True(_guest.Return(d.Registers, restored).Restored);
        Assert.Equal(xsave.AsSpan(0, 464).ToArray(), restored.AsSpan(0, 464).ToArray());
        Assert.Equal(XstateFormat.FpSse, BinaryPrimitives.ReadUInt64LittleEndian(restored.AsSpan(512)));
        Assert.All(restored.AsSpan(576).ToArray(), b => Assert.Equal(0, b));
    }

    [Theory]
    [InlineData("misaligned")]
    [InlineData("xcomp_bv")]
    [InlineData("feature outside xcr0")]
    [InlineData("mxcsr")]
    [InlineData("fpstate outside memory")]
    [InlineData("frame outside memory")]
    public void Bad_frames_change_nothing_and_ask_for_sigsegv(string defect)
    {
        SignalDelivery d = _guest.Deliver(SignalTestGuest.RandomRegs(_random, SignalTestGuest.StackTop), _guest.RandomXsave(_random),
            SignalInfo.ThreadKill(SIGUSR1, 1, 0), SignalTestGuest.HandlerAction());
        ulong fpField = d.Frame + 8 + 40 + 184, fp = _guest.Read64(fpField);
        KvmRegs handler = d.Registers;
        switch (defect)
        {
            case "misaligned":
                byte[] area = new byte[836];
                _guest.Memory.Read(fp, area);
                _guest.Memory.Write(fp - 16, area);
                _guest.Write64(fpField, fp - 16);
                break;
            case "xcomp_bv": _guest.Write64(fp + 520, 1UL << 63); break;
            case "feature outside xcr0": _guest.Write64(fp + 512, 0x1F); break;
            case "mxcsr": _guest.Write32(fp + 24, 0x1_0000); break;
            case "fpstate outside memory": _guest.Write64(fpField, 0x1000); break;
            case "frame outside memory": handler.Rsp = 0x2000; break;
        }
        SignalSet blocked = _guest.Thread.Blocked;
        Assert.False(_guest.Return(handler, new byte[_guest.Format.Size]).Restored);
        Assert.Equal(blocked, _guest.Thread.Blocked);
    }

    [Fact]
    public void A_stack_outside_memory_or_a_missing_restorer_fails_delivery_without_changes()
    {
        var action = SignalTestGuest.HandlerAction();
        _guest.Thread.Blocked = SignalSet.Of(SIGUSR2);
        Assert.False(_guest.Deliver(SignalTestGuest.RandomRegs(_random, SignalTestGuest.Base + 0x100), _guest.RandomXsave(_random),
            SignalInfo.Fault(SIGSEGV, 1, 0), action).Delivered);
        Assert.False(_guest.Deliver(SignalTestGuest.RandomRegs(_random, 64), _guest.RandomXsave(_random),
            SignalInfo.Fault(SIGSEGV, 1, 0), action).Delivered);
        Assert.False(_guest.Deliver(SignalTestGuest.RandomRegs(_random, SignalTestGuest.StackTop), _guest.RandomXsave(_random),
            SignalInfo.Fault(SIGSEGV, 1, 0), action with { Flags = SignalActionFlags.SigInfo }).Delivered);
        Assert.Equal(SignalSet.Of(SIGUSR2), _guest.Thread.Blocked);
    }
}
