using Islet.Monitor.Kvm;
using Islet.Monitor.Signals;
using static Islet.Monitor.Signals.LinuxSignal;

namespace Islet.Monitor.Tests.Signals;

public sealed class SignalAltStackDeliveryTests
{
    private const ulong Alt = SignalTestGuest.Base + 0x1_0000, AltSize = 0x4000;
    private const ulong Request = SignalTestGuest.Base + 0x100;

    private readonly SignalTestGuest _guest = new();
    private readonly Random _random = new(99);

    [Fact]
    public void Sa_onstack_switches_to_the_top_of_the_alt_stack()
    {
        SetAltStack(0);
        SignalDelivery d = Deliver(SignalTestGuest.StackTop, SignalActionFlags.OnStack);
        Assert.True(d.Frame > Alt && d.Frame < Alt + AltSize);
        Assert.True(Alt + AltSize - d.Frame < 832 + 4 + 440 + 64 + 16);
        Assert.Equal((Alt, 0, AltSize), UcStack(d.Frame));
        Assert.True(_guest.Thread.IsOnAltStack(d.Registers.Rsp));
    }

    [Fact]
    public void Without_sa_onstack_the_normal_stack_is_used()
    {
        SetAltStack(0);
        SignalDelivery d = Deliver(SignalTestGuest.StackTop, SignalActionFlags.None);
        Assert.True(d.Frame < SignalTestGuest.StackTop - 128 && d.Frame > SignalTestGuest.StackTop - 0x1000);
    }

    [Fact]
    public void A_nested_signal_on_the_alt_stack_stays_below_the_interrupted_rsp()
    {
        SetAltStack(0);
        ulong rsp = Alt + 0x3000;
        SignalDelivery d = Deliver(rsp, SignalActionFlags.OnStack);
        Assert.True(d.Frame < rsp - 128 && d.Frame > Alt);
        Assert.Equal((Alt, SignalAltStack.OnStack, AltSize), UcStack(d.Frame));
    }

    [Fact]
    public void Overflowing_the_alt_stack_fails_delivery()
    {
        SetAltStack(0);
        Assert.False(Deliver(Alt + 0x400, SignalActionFlags.OnStack).Delivered);
    }

    [Fact]
    public void A_disabled_alt_stack_is_not_used()
    {
        SignalDelivery d = Deliver(SignalTestGuest.StackTop, SignalActionFlags.OnStack);
        Assert.True(d.Frame < SignalTestGuest.StackTop - 128 && d.Frame > SignalTestGuest.StackTop - 0x1000);
        Assert.Equal((0UL, SignalAltStack.Disable, 0UL), UcStack(d.Frame));
    }

    [Fact]
    public void Autodisarm_clears_the_stack_until_sigreturn_restores_it()
    {
        SetAltStack(SignalAltStack.AutoDisarm);
        SignalDelivery d = Deliver(SignalTestGuest.StackTop, SignalActionFlags.OnStack);
        Assert.Equal(SignalAltStack.None, _guest.Thread.AltStack);
        Assert.Equal((Alt, SignalAltStack.AutoDisarm, AltSize), UcStack(d.Frame));
        Assert.True(_guest.Return(d.Registers, new byte[_guest.Format.Size]).Restored);
        Assert.Equal(new SignalAltStack(Alt, SignalAltStack.AutoDisarm, AltSize), _guest.Thread.AltStack);
    }

    [Fact]
    public void Sigreturn_applies_an_edited_uc_stack()
    {
        SignalDelivery d = Deliver(SignalTestGuest.StackTop, SignalActionFlags.None);
        byte[] stack = new byte[SignalAltStack.StructSize];
        new SignalAltStack(Alt, 0, AltSize).Write(stack);
        _guest.Memory.Write(d.Frame + 8 + 16, stack);
        Assert.True(_guest.Return(d.Registers, new byte[_guest.Format.Size]).Restored);
        Assert.Equal(new SignalAltStack(Alt, 0, AltSize), _guest.Thread.AltStack);
    }

    private void SetAltStack(int flags)
    {
        byte[] bytes = new byte[SignalAltStack.StructSize];
        new SignalAltStack(Alt, flags, AltSize).Write(bytes);
        _guest.Memory.Write(Request, bytes);
        Assert.Equal(0, _guest.Thread.Sigaltstack(_guest.Memory, Request, 0, SignalTestGuest.StackTop));
    }

    private SignalDelivery Deliver(ulong rsp, SignalActionFlags flags)
    {
        KvmRegs regs = SignalTestGuest.RandomRegs(_random, rsp);
        return _guest.Deliver(regs, _guest.RandomXsave(_random), SignalInfo.ThreadKill(SIGUSR1, 1, 0), SignalTestGuest.HandlerAction(flags));
    }

    private (ulong, int, ulong) UcStack(ulong frame)
    {
        byte[] bytes = new byte[SignalAltStack.StructSize];
        _guest.Memory.Read(frame + 8 + 16, bytes);
        SignalAltStack s = SignalAltStack.Read(bytes);
        return (s.Pointer, s.Flags, s.Size);
    }
}
