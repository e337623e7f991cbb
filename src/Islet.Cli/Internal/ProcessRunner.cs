using System.ComponentModel;
using System.Diagnostics;

namespace Islet.Cli.Internal;

/// <summary>Runs a host tool (dotnet, git) to completion, capturing its output line by line.</summary>
internal static class ProcessRunner
{
    /// <summary>
    /// Runs <paramref name="fileName"/> with <paramref name="arguments"/> in
    /// <paramref name="workingDirectory"/>. Each output line is passed to <paramref name="onLine"/>
    /// (on a thread-pool thread) and the last <paramref name="tailLines"/> are returned.
    /// Returns null when the program cannot be started (not installed).
    /// </summary>
    public static ProcessOutput? Run(string fileName, IEnumerable<string> arguments, string workingDirectory,
        Action<string>? onLine = null, int tailLines = 60)
    {
        var start = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (string argument in arguments) start.ArgumentList.Add(argument);
        // Keep tool output plain and stable to parse.
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";

        var tail = new Queue<string>();
        void Receive(object sender, DataReceivedEventArgs e)
        {
            if (e.Data is null) return;
            lock (tail)
            {
                tail.Enqueue(e.Data);
                if (tail.Count > tailLines) tail.Dequeue();
            }
            onLine?.Invoke(e.Data);
        }

        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += Receive;
        process.ErrorDataReceived += Receive;
        try
        {
            process.Start();
        }
        catch (Win32Exception)
        {
            return null;
        }
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        process.WaitForExit();
        lock (tail)
        {
            return new ProcessOutput(process.ExitCode, tail.ToArray());
        }
    }
}
