using Islet.Monitor.Tests.Kvm;
using Xunit.Abstractions;

namespace Islet.Monitor.Tests.Signals;

/// <summary>
/// Compares the signal frame's offsets and the signal constants with what a C compiler computes
/// from the installed kernel uapi headers (asm/sigcontext.h, asm/ucontext.h, asm/signal.h, linux/signal.h).
/// </summary>
public sealed class SignalLayoutTests(ITestOutputHelper output)
{
    [Fact]
    public void Frame_offsets_and_constants_match_the_kernel_headers() =>
        KernelHeaderCheck.AssertMatches(output, ["asm/sigcontext.h", "linux/signal.h", "asm/siginfo.h", "asm/ucontext.h"],
            SignalLayoutTable.Prelude, SignalLayoutTable.Build());
}
