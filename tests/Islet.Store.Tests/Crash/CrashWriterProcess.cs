using System.Diagnostics;

namespace Islet.Store.Tests.Crash;

/// <summary>
/// Runs tests/Apps/StoreCrashWriter (built next to the tests) and SIGKILLs it: after
/// <c>acks</c> acknowledged updates plus a pause of <c>pauseTicks</c> stopwatch ticks — both
/// chosen by the test's seeded random — so the kill lands anywhere in a write cycle.
/// </summary>
internal static class CrashWriterProcess
{
    private static string WriterPath => Path.Combine(AppContext.BaseDirectory, "store-crash-writer.dll");

    /// <summary>Runs the writer and kills it; returns the ACKed ids in order and whether it was still running when killed.</summary>
    public static (List<string> Acks, bool Killed) RunAndKill(string mode, string target, int seed, int acks, long pauseTicks)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string argument in new[] { WriterPath, mode, target, seed.ToString(), "100000" })
            info.ArgumentList.Add(argument);
        using var process = Process.Start(info)!;
        Task<string> errors = process.StandardError.ReadToEndAsync();
        var seen = new List<string>();
        bool killed = false;
        string? line;
        while (seen.Count < acks && (line = process.StandardOutput.ReadLine()) is not null)
        {
            if (line.StartsWith("ACK ", StringComparison.Ordinal))
                seen.Add(line[4..]);
        }
        long until = Stopwatch.GetTimestamp() + pauseTicks;
        while (Stopwatch.GetTimestamp() < until)
            Thread.SpinWait(20);
        if (!process.HasExited)
        {
            process.Kill(); // SIGKILL on Unix
            killed = true;
        }
        // Everything it printed before it died was acknowledged.
        while ((line = process.StandardOutput.ReadLine()) is not null)
        {
            if (line.StartsWith("ACK ", StringComparison.Ordinal))
                seen.Add(line[4..]);
        }
        if (!process.WaitForExit(30_000))
            throw new TimeoutException("The crash writer did not exit after SIGKILL.");
        if (!killed)
            Assert.Fail($"The writer exited by itself ({process.ExitCode}): {errors.Result}");
        return (seen, killed);
    }

    /// <summary>Starts the writer holding <paramref name="lockPath"/> with an flock, as a ref writer does, and returns once it says LOCKED.</summary>
    public static Process HoldLock(string lockPath)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true };
        foreach (string argument in new[] { WriterPath, "hold-lock", lockPath })
            info.ArgumentList.Add(argument);
        var process = Process.Start(info)!;
        string? line = process.StandardOutput.ReadLine();
        Assert.Equal("LOCKED", line);
        return process;
    }
}
