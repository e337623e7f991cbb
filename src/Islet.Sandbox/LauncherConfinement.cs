using System.Runtime.InteropServices;
using Islet.Abi.Seccomp;
using Islet.Sandbox.Interop;

namespace Islet.Sandbox;

/// <summary>
/// The launcher confining itself (issue 5, point 6: the monitor enters a seccomp filter of its
/// own once the VM is set up): <see cref="LauncherFilter"/> installed on every thread of this
/// process. Call it once the image runs and the router's host sockets are bound; it cannot be
/// undone, and every later call the filter refuses fails with EPERM (or ENOSYS).
/// </summary>
public static class LauncherConfinement
{
    /// <summary>
    /// Sets no_new_privs and installs <see cref="LauncherFilter"/> for <paramref name="options"/> with
    /// SECCOMP_FILTER_FLAG_TSYNC, so every existing thread (the runtime's, the event loop, the vCPUs)
    /// gets it and every later thread inherits it. Returns the program installed.
    /// </summary>
    /// <exception cref="SptLaunchException">The kernel refused the filter, or a thread could not be synchronised.</exception>
    public static SeccompProgram Enter(LauncherFilterOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        SeccompProgram program = LauncherFilter.Compile(options);
        if (SandboxLibC.prctl(SandboxLibC.PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0)
            throw new SptLaunchException($"cannot confine the launcher: prctl(PR_SET_NO_NEW_PRIVS) failed: {Marshal.GetLastPInvokeErrorMessage()}");
        byte[] instructions = program.ToBytes();
        long result;
        unsafe
        {
            // SAFETY: `instructions` is pinned for the call and holds program.InstructionCount
            // 8-byte sock_filter records, the length given in `fprog`; the kernel copies the
            // program during the call and keeps no pointer to either.
            fixed (byte* filter = instructions)
            {
                var fprog = new SandboxLibC.SockFprog { Length = (ushort)program.InstructionCount, Filter = filter };
                result = SandboxLibC.seccomp(SandboxLibC.SYS_seccomp, SandboxLibC.SECCOMP_SET_MODE_FILTER, SandboxLibC.SECCOMP_FILTER_FLAG_TSYNC, &fprog);
            }
        }
        if (result < 0)
            throw new SptLaunchException($"cannot confine the launcher: seccomp(SECCOMP_SET_MODE_FILTER) failed: {Marshal.GetLastPInvokeErrorMessage()}");
        if (result > 0)
            throw new SptLaunchException($"cannot confine the launcher: thread {result} could not take the filter (SECCOMP_FILTER_FLAG_TSYNC); no thread was confined");
        return program;
    }
}
