using System.Diagnostics;
using System.Runtime.InteropServices;
using Islet.Abi;
using Islet.Abi.Seccomp;
using Islet.Devices;
using Islet.Events;
using Islet.Platform.Unix;
using Islet.Platform.Unix.Links;
using Islet.Platform.Unix.Net;
using Islet.Sandbox.Interop;
using Islet.UserNet;

namespace Islet.Sandbox;

/// <summary>
/// The spt launcher: runs a sealed image as a process confined to the Islet ABI.
/// It opens the declared devices (<see cref="ImageDescriptors"/>), starts the exec stub with
/// them, writes it the seccomp filter compiled from the ABI table for the stub's pid (which
/// the image keeps across the exec), and, for user networking, routes for the image on its
/// end of the frame link until the image exits. The stub then sets no-new-privileges,
/// limits, the signal mask, closes every other descriptor, clears the environment, installs
/// the filter and execs the image (see native/islet-spt-exec.c).
/// </summary>
public static class SptLauncher
{
    private const int SIGTERM = 15;
    private const int SIGSYS = 31;

    /// <summary>Runs the image to its end; returns its exit code. Throws <see cref="SptLaunchException"/> when it cannot start.</summary>
    public static int Run(SptOptions options, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(options);
        string stub = options.ExecStubPath ?? Path.Combine(AppContext.BaseDirectory, "islet-spt-exec");
        if (!File.Exists(stub)) throw new SptLaunchException($"the exec stub is missing ({stub}); rebuild Islet.Sandbox with a C compiler (cc) installed");
        return SealedLauncher.Run(options, output, "spt", descriptors =>
        {
            Process image = StartImage(options, stub, descriptors, out SeccompProgram program);
            return new ProcessRun(image, $"sealed by a {AbiTable.Entries.Length}-call ABI ({program.InstructionCount}-instruction seccomp filter)");
        });
    }

    private static Process StartImage(SptOptions options, string stub, ImageDescriptors descriptors, out SeccompProgram program)
    {
        int readEnd;
        int writeEnd;
        unsafe
        {
            int* pipe = stackalloc int[2];
            // SAFETY: pipe2 writes two ints into the stack buffer.
            if (SandboxLibC.pipe2(pipe, SandboxLibC.O_CLOEXEC) != 0) throw new SptLaunchException($"pipe2 failed: errno {Marshal.GetLastPInvokeError()}");
            readEnd = pipe[0];
            writeEnd = pipe[1];
        }
        SandboxLibC.fcntl(readEnd, SandboxLibC.F_SETFD, 0); // the stub inherits the read end only
        var start = new ProcessStartInfo(stub) { UseShellExecute = false };
        start.ArgumentList.Add(readEnd.ToString(System.Globalization.CultureInfo.InvariantCulture));
        start.ArgumentList.Add(Path.GetFullPath(options.ImagePath));
        foreach (int fd in descriptors.ImageFds) start.ArgumentList.Add(fd.ToString(System.Globalization.CultureInfo.InvariantCulture));
        start.ArgumentList.Add("--");
        start.ArgumentList.Add(Path.GetFileName(options.ImagePath));
        foreach (string argument in options.ImageArguments) start.ArgumentList.Add(argument);
        Process image;
        try
        {
            image = Process.Start(start) ?? throw new SptLaunchException($"cannot start {stub}");
        }
        finally
        {
            SandboxLibC.close(readEnd);
            descriptors.CloseImageFds();
        }
        program = SeccompCompiler.Compile(new AbiContext(descriptors.ImageFds.Count, image.Id));
        WriteAll(writeEnd, program.ToBytes());
        SandboxLibC.close(writeEnd);
        return image;
    }

    private static unsafe void WriteAll(int fd, byte[] bytes)
    {
        int done = 0;
        while (done < bytes.Length)
        {
            nint n;
            // SAFETY: the array is pinned for the call and write reads at most the remaining bytes.
            fixed (byte* p = bytes) n = SandboxLibC.write(fd, p + done, bytes.Length - done);
            if (n > 0) { done += (int)n; continue; }
            int errno = Marshal.GetLastPInvokeError();
            if (errno == 4) continue;
            throw new SptLaunchException($"cannot hand the filter to the exec stub: errno {errno}");
        }
    }

    private sealed class ProcessRun(Process process, string confinement) : IImageRun
    {
        public Task<int> Exited { get; } = process.WaitForExitAsync().ContinueWith(_ => process.ExitCode, TaskScheduler.Default);

        public string Confinement => confinement;

        public void Terminate() => SandboxLibC.kill(process.Id, SIGTERM);

        public void Kill()
        {
            if (!process.HasExited) process.Kill();
        }

        public string? DescribeExit(int status) =>
            status == 128 + SIGSYS ? "the image was killed by the sandbox (SIGSYS): it made a system call outside the Islet ABI" : null;

        public void Dispose() => process.Dispose();
    }
}
