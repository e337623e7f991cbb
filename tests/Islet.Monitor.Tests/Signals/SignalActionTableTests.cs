using Islet.Monitor.Signals;
using static Islet.Monitor.Signals.LinuxSignal;

namespace Islet.Monitor.Tests.Signals;

public sealed class SignalActionTableTests
{
    private const ulong Act = SignalTestGuest.Base + 0x100, Old = SignalTestGuest.Base + 0x200;
    private const ulong Outside = SignalTestGuest.Base + SignalTestGuest.Size - 8;

    private readonly SignalTestGuest _guest = new();

    [Fact]
    public void Default_dispositions_terminate_most_signals_and_ignore_the_child_and_window_signals()
    {
        foreach (int signal in new[] { SIGCHLD, SIGURG, SIGWINCH, SIGCONT, SIGTSTP, SIGTTIN, SIGTTOU })
            Assert.Equal(SignalDisposition.Ignore, _guest.Actions.Disposition(signal));
        foreach (int signal in new[] { SIGHUP, SIGINT, SIGSEGV, SIGKILL, SIGTERM, SIGUSR1, SIGPIPE, 32, 40, 64 })
            Assert.Equal(SignalDisposition.Terminate, _guest.Actions.Disposition(signal));
        Assert.Equal(SignalDefaultAction.CoreDump, DefaultAction(SIGSEGV));
        Assert.Equal(SignalDefaultAction.Stop, DefaultAction(SIGSTOP));
        Assert.Equal(SignalDefaultAction.Terminate, DefaultAction(FirstRealTime + 2));
    }

    [Fact]
    public void Rt_sigaction_reads_and_writes_the_kernel_struct_layout()
    {
        _guest.Write64(Act, SignalTestGuest.Handler);
        _guest.Write64(Act + 8, 0x0C00_0004); // SA_SIGINFO | SA_RESTORER | SA_ONSTACK
        _guest.Write64(Act + 16, SignalTestGuest.Restorer);
        _guest.Write64(Act + 24, 0x8000_0000_0000_0101); // signals 1, 9 (SIGKILL), 64
        Assert.Equal(0, _guest.Actions.RtSigaction(_guest.Memory, SIGSEGV, Act, Old, 8));
        Assert.Equal(new byte[32], _guest.Memory.Contents.Slice((int)(Old - SignalTestGuest.Base), 32).ToArray());

        SignalAction action = _guest.Actions.Get(SIGSEGV);
        Assert.Equal(SignalTestGuest.Handler, action.Handler);
        Assert.Equal(SignalActionFlags.SigInfo | SignalActionFlags.Restorer | SignalActionFlags.OnStack, action.Flags);
        Assert.Equal(SignalTestGuest.Restorer, action.Restorer);
        Assert.Equal(0x8000_0000_0000_0001UL, action.Mask.Bits); // SIGKILL dropped from the mask
        Assert.Equal(SignalDisposition.Handle, _guest.Actions.Disposition(SIGSEGV));

        Assert.Equal(0, _guest.Actions.RtSigaction(_guest.Memory, SIGSEGV, 0, Old, 8));
        Assert.Equal(SignalTestGuest.Handler, _guest.Read64(Old));
        Assert.Equal(0x0C00_0004UL, _guest.Read64(Old + 8));
        Assert.Equal(SignalTestGuest.Restorer, _guest.Read64(Old + 16));
        Assert.Equal(0x8000_0000_0000_0001UL, _guest.Read64(Old + 24));
    }

    [Fact]
    public void Unknown_flag_bits_are_cleared()
    {
        _guest.Write64(Act, SignalAction.Ignore);
        _guest.Write64(Act + 8, 0x0400_0000 | 0x400 | 0x1_0000_0000);
        Assert.Equal(0, _guest.Actions.RtSigaction(_guest.Memory, SIGUSR1, Act, 0, 8));
        Assert.Equal(SignalActionFlags.Restorer, _guest.Actions.Get(SIGUSR1).Flags);
        Assert.Equal(SignalDisposition.Ignore, _guest.Actions.Disposition(SIGUSR1));
    }

    [Theory]
    [InlineData(0, true)]
    [InlineData(65, true)]
    [InlineData(-1, true)]
    [InlineData(SIGKILL, true)]
    [InlineData(SIGSTOP, true)]
    [InlineData(SIGKILL, false)]
    public void Invalid_signals_and_kernel_only_changes_are_EINVAL(int signal, bool change)
    {
        long expected = !change && IsValid(signal) ? 0 : -SignalErrno.EINVAL;
        Assert.Equal(expected, _guest.Actions.RtSigaction(_guest.Memory, signal, change ? Act : 0, Old, 8));
    }

    [Theory]
    [InlineData(0UL)]
    [InlineData(4UL)]
    [InlineData(16UL)]
    public void A_sigsetsize_other_than_8_is_EINVAL(ulong size) =>
        Assert.Equal(-SignalErrno.EINVAL, _guest.Actions.RtSigaction(_guest.Memory, SIGUSR1, Act, Old, size));

    [Fact]
    public void Bad_pointers_are_EFAULT_and_a_bad_old_pointer_still_installs_the_action()
    {
        Assert.Equal(-SignalErrno.EFAULT, _guest.Actions.RtSigaction(_guest.Memory, SIGUSR1, Outside, 0, 8));
        Assert.Equal(-SignalErrno.EFAULT, _guest.Actions.RtSigaction(_guest.Memory, SIGUSR1, 8, 0, 8));
        Assert.Equal(SignalAction.Default, _guest.Actions.Get(SIGUSR1).Handler);

        _guest.Write64(Act, SignalAction.Ignore);
        Assert.Equal(-SignalErrno.EFAULT, _guest.Actions.RtSigaction(_guest.Memory, SIGUSR1, Act, Outside, 8));
        Assert.Equal(SignalAction.Ignore, _guest.Actions.Get(SIGUSR1).Handler);
    }

    [Fact]
    public void Resethand_resets_the_handler_when_the_signal_is_taken()
    {
        _guest.Actions.Set(SIGUSR2, SignalTestGuest.HandlerAction(SignalActionFlags.ResetHand));
        SignalAction taken = _guest.Actions.TakeForDelivery(SIGUSR2, out SignalDisposition disposition);
        Assert.Equal(SignalDisposition.Handle, disposition);
        Assert.Equal(SignalTestGuest.Handler, taken.Handler);
        Assert.Equal(SignalAction.Default, _guest.Actions.Get(SIGUSR2).Handler);
        Assert.Equal(SignalDisposition.Terminate, _guest.Actions.Disposition(SIGUSR2));
    }

    [Fact]
    public void Setting_sigkill_directly_throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => _guest.Actions.Set(SIGKILL, SignalTestGuest.HandlerAction()));

    [Fact]
    public void Concurrent_readers_and_writers_see_whole_actions()
    {
        var a = SignalTestGuest.HandlerAction(SignalActionFlags.SigInfo, SignalSet.Of(1));
        var b = new SignalAction(0x1234, SignalActionFlags.Restart, 0x5678, SignalSet.Of(2));
        Parallel.For(0, 20_000, i =>
        {
            if (i % 2 == 0) _guest.Actions.Set(SIGUSR1, i % 4 == 0 ? a : b);
            else Assert.True(_guest.Actions.Get(SIGUSR1) is var x && (x == a || x == b || x == default));
        });
    }
}
