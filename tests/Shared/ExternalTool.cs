using System.Diagnostics;

namespace Islet.Tests.Shared;

/// <summary>Runs a host tool (clang, objcopy, a compiled probe) for a test and captures its output.</summary>
internal static class ExternalTool
{
    /// <summary>The exit code and combined output; exit -1 if the tool is not installed.</summary>
    public static (int ExitCode, string Output) Run(string file, params string[] arguments)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string a in arguments) info.ArgumentList.Add(a);
        try
        {
            using var process = Process.Start(info)!;
            Task<string> stderr = process.StandardError.ReadToEndAsync();
            string stdout = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            return (process.ExitCode, stdout + stderr.Result);
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return (-1, $"{file} is not available: {e.Message}");
        }
    }

    /// <summary>A fresh temp directory for one test.</summary>
    public static string TempDirectory(string prefix = "islet-test-") => Directory.CreateTempSubdirectory(prefix).FullName;

    /// <summary>The first of clang and cc that runs, or null when neither is installed.</summary>
    public static string? FindCCompiler() =>
        new[] { "clang", "cc" }.FirstOrDefault(c => Run(c, "--version").ExitCode == 0);
}
