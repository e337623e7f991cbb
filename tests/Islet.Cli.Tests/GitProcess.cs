using System.Diagnostics;

namespace Islet.Cli.Tests;

/// <summary>Runs the real <c>git</c> command line and captures what it prints.</summary>
internal static class GitProcess
{
    /// <summary>Runs <c>git ARGS</c> in <paramref name="directory"/>; throws with its stderr when it fails.</summary>
    public static string Run(string directory, params string[] args)
    {
        var (exitCode, output, error) = TryRun(directory, args);
        if (exitCode != 0)
            throw new InvalidOperationException($"git {string.Join(' ', args)} exited {exitCode}: {error}");
        return output;
    }

    /// <summary>Runs <c>git ARGS</c> and returns its exit code and output.</summary>
    public static (int ExitCode, string Out, string Error) TryRun(string directory, params string[] args)
    {
        var start = new ProcessStartInfo("git")
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
        };
        foreach (string arg in args)
            start.ArgumentList.Add(arg);
        start.Environment["GIT_CONFIG_NOSYSTEM"] = "1";
        start.Environment["GIT_AUTHOR_NAME"] = "Git Tester";
        start.Environment["GIT_AUTHOR_EMAIL"] = "git@example.org";
        start.Environment["GIT_COMMITTER_NAME"] = "Git Tester";
        start.Environment["GIT_COMMITTER_EMAIL"] = "git@example.org";
        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        Task<string> error = process.StandardError.ReadToEndAsync();
        string output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output, error.Result);
    }
}
