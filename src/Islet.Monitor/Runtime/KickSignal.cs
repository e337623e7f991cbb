using System.Runtime.InteropServices;
using Islet.Monitor.Interop;

namespace Islet.Monitor.Runtime;

/// <summary>
/// The host signal that knocks a vCPU's thread out of KVM_RUN (with kvm_run.immediate_exit set
/// first, so a kick that lands just before KVM_RUN is not lost). Its handler does nothing and is
/// installed without SA_RESTART, so the ioctl returns EINTR. The handler is libc's <c>abs</c>, a pure
/// native function of one int: a managed handler ([UnmanagedCallersOnly]) would abort the .NET
/// runtime when the signal lands while the thread runs managed code.
/// </summary>
internal static unsafe class KickSignal
{
    /// <summary>SIGRTMIN + 6 (glibc's SIGRTMIN is 34; .NET uses SIGRTMIN itself).</summary>
    public const int Number = 40;
    private static int s_installed;

    /// <summary>Installs the handler once per process.</summary>
    public static void Install()
    {
        if (Interlocked.Exchange(ref s_installed, 1) != 0) return;
        // struct sigaction (glibc, x86-64): handler, mask (128 bytes), flags, restorer.
        byte* action = stackalloc byte[152];
        new Span<byte>(action, 152).Clear();
        *(nint*)action = NativeLibrary.GetExport(NativeLibrary.Load("libc.so.6"), "abs");
        // SAFETY: `action` is a zeroed glibc struct sigaction with only the handler set (no flags: no SA_RESTART).
        if (HostLibC.SigAction(Number, action, null) != 0)
            throw new InvalidOperationException($"sigaction({Number}) failed: errno {Marshal.GetLastPInvokeError()}");
    }
}
