using Islet.Monitor.Kvm;
using Islet.Monitor.Signals;

namespace Islet.Monitor.Tests.Signals;

public sealed class SignalFrameRandomTests
{
    private const ulong Alt = SignalTestGuest.Base + 0x1_0000, AltSize = 0x8000;

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Random_register_files_masks_and_stacks_survive_deliver_and_return(int seed)
    {
        var random = new Random(seed);
        var guest = new SignalTestGuest();
        byte[] request = new byte[SignalAltStack.StructSize];
        new SignalAltStack(Alt, 0, AltSize).Write(request);
        guest.Memory.Write(SignalTestGuest.Base, request);
        Assert.Equal(0, guest.Thread.Sigaltstack(guest.Memory, SignalTestGuest.Base, 0, SignalTestGuest.StackTop));
        byte[] restored = new byte[guest.Format.Size];

        for (int i = 0; i < 2000; i++)
        {
            ulong rsp = random.Next(4) == 0
                ? Alt + 0x2000 + (ulong)random.Next(0x6000)
                : SignalTestGuest.Base + 0x2_0000 + (ulong)random.Next(0xC_0000);
            KvmRegs regs = SignalTestGuest.RandomRegs(random, rsp);
            byte[] xsave = guest.RandomXsave(random);
            var blocked = new SignalSet((ulong)random.NextInt64() | ((ulong)random.Next(2) << 63)).Except(SignalSet.KernelOnly);
            guest.Thread.Blocked = blocked;
            int signal = random.Next(1, 65);
            var flags = (SignalActionFlags)((ulong)random.Next(16) << 27) | (random.Next(2) == 0 ? SignalActionFlags.SigInfo : 0);
            var mask = new SignalSet((ulong)random.NextInt64());
            SignalInfo info = random.Next(2) == 0
                ? SignalInfo.Fault(signal, random.Next(1, 3), (ulong)random.NextInt64())
                : SignalInfo.ThreadKill(signal, random.Next(), (uint)random.Next());

            SignalDelivery d = guest.Deliver(regs, xsave, info, SignalTestGuest.HandlerAction(flags, mask));
            Assert.True(d.Delivered);
            Assert.Equal(0UL, (d.Registers.Rsp + 8) % 16);
            SignalSet expected = blocked.Union(mask).Except(SignalSet.KernelOnly);
            if ((flags & SignalActionFlags.NoDefer) == 0 && !LinuxSignal.IsKernelOnly(signal)) expected = expected.With(signal);
            Assert.Equal(expected, guest.Thread.Blocked);

            SignalReturn r = guest.Return(d.Registers, restored);
            Assert.True(r.Restored);
            Assert.Equal(regs, r.Registers);
            Assert.True(xsave.AsSpan().SequenceEqual(restored), $"xsave differs at iteration {i}");
            Assert.Equal(blocked, guest.Thread.Blocked);
            Assert.Equal(new SignalAltStack(Alt, 0, AltSize), guest.Thread.AltStack);
        }
    }
}
