using System.Diagnostics;
using System.Globalization;
using Islet.Abi.Seccomp;

namespace Islet.Abi.Tests;

/// <summary>
/// Native/seccomp_probe.c built with clang into a temp dir. It prints its pid, reads a filter
/// on stdin, installs it and then probes system calls or execs an image the way spt will; the
/// filter is compiled for the child's own pid, as the launcher will do.
/// </summary>
internal sealed class SeccompProbe : IDisposable
{
    private readonly string _directory;

    private SeccompProbe(string directory) => _directory = directory;

    private string Executable => Path.Combine(_directory, "seccomp_probe");

    /// <summary>The built probe, or null with the reason it could not be built.</summary>
    public static SeccompProbe? TryBuild(out string reason)
    {
        var probe = new SeccompProbe(ExternalTool.TempDirectory("islet-abi-"));
        string source = Path.Combine(AppContext.BaseDirectory, "Native", "seccomp_probe.c");
        (int exit, string output) = ExternalTool.Run("clang", "-O1", "-o", probe.Executable, source);
        reason = exit == 0 ? "" : "clang could not build the probe: " + output;
        if (exit == 0) return probe;
        probe.Dispose();
        return null;
    }

    /// <summary>Runs the probe with <paramref name="arguments"/> under the ABI filter for <paramref name="devices"/> devices.</summary>
    public (int ExitCode, string Output) RunUnderFilter(string[] arguments, int devices, TimeSpan timeout) =>
        RunUnderFilter(arguments, pid => SeccompCompiler.Compile(new AbiContext(devices, pid)), timeout);

    /// <summary>Runs the probe with <paramref name="arguments"/> under the filter <paramref name="compile"/> makes for its pid.</summary>
    public (int ExitCode, string Output) RunUnderFilter(string[] arguments, Func<int, SeccompProgram> compile, TimeSpan timeout)
    {
        var info = new ProcessStartInfo(Executable)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (string a in arguments) info.ArgumentList.Add(a);
        using var process = Process.Start(info)!;
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        int pid = int.Parse(process.StandardOutput.ReadLine()!, CultureInfo.InvariantCulture);
        process.StandardInput.BaseStream.Write(compile(pid).ToBytes());
        process.StandardInput.Close();
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill();
            throw new TimeoutException("The probe did not finish.");
        }
        return (process.ExitCode, stdout.Result + stderr.Result);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
