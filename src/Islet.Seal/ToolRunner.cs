using System.ComponentModel;
using System.Diagnostics;

namespace Islet.Seal;

/// <summary>Runs a host program (git, objcopy) to completion and captures its output.</summary>
internal static class ToolRunner
{
    /// <summary>A finished program: exit code, standard output and standard error.</summary>
    public sealed record Result(int ExitCode, string Stdout, string Stderr);

    /// <summary>Runs <paramref name="fileName"/>; null when it cannot be started (not installed).</summary>
    public static Result? Run(string fileName, params string[] arguments)
    {
        var start = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in arguments) start.ArgumentList.Add(argument);
        start.Environment["LC_ALL"] = "C";
        try
        {
            using var process = Process.Start(start)!;
            var stderr = process.StandardError.ReadToEndAsync();
            string stdout = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            return new Result(process.ExitCode, stdout, stderr.Result);
        }
        catch (Win32Exception)
        {
            return null;
        }
    }
}
