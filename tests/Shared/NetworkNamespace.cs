using System.Diagnostics;

namespace Islet.Tests.Shared;

/// <summary>
/// A network namespace a test creates for itself and removes afterwards: addresses used inside
/// it never reach any other network.
/// </summary>
public sealed class NetworkNamespace : IDisposable
{
    public NetworkNamespace()
    {
        Name = "islet-t" + Guid.NewGuid().ToString("N")[..8];
        Run("ip", "netns", "add", Name);
    }

    public string Name { get; }

    /// <summary>True when this machine can host the test (root, ip, /dev/net/tun); otherwise why not.</summary>
    public static bool IsAvailable(out string reason)
    {
        reason = "";
        if (!OperatingSystem.IsLinux()) reason = "needs Linux";
        else if (Environment.UserName != "root" && geteuid() != 0) reason = "needs root (network namespaces and TAP)";
        else if (!File.Exists("/dev/net/tun")) reason = "needs /dev/net/tun";
        else if (!File.Exists("/usr/sbin/ip") && !File.Exists("/usr/bin/ip") && !File.Exists("/sbin/ip")) reason = "needs iproute2 (ip)";
        return reason.Length == 0;
    }

    [System.Runtime.InteropServices.DllImport("libc")]
    private static extern uint geteuid();

    /// <summary>Runs a command inside the namespace and returns its standard output; throws when it fails.</summary>
    public string Exec(params string[] command) => Run(["ip", "netns", "exec", Name, .. command]);

    /// <summary>Runs a command inside the namespace, bounded by <paramref name="timeout"/>, and returns its exit code and output.</summary>
    public (int ExitCode, string Stdout, string Stderr) TryExec(TimeSpan timeout, params string[] command)
    {
        var start = new ProcessStartInfo("ip") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { "netns", "exec", Name }.Concat(command)) start.ArgumentList.Add(a);
        using var p = Process.Start(start)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(timeout))
        {
            p.Kill(entireProcessTree: true);
            return (-1, stdout.Result, "timed out: " + stderr.Result);
        }
        return (p.ExitCode, stdout.Result, stderr.Result);
    }

    /// <summary>Starts a command inside the namespace without waiting.</summary>
    public Process Start(params string[] command)
    {
        var start = new ProcessStartInfo("ip") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { "netns", "exec", Name }.Concat(command)) start.ArgumentList.Add(a);
        return Process.Start(start)!;
    }

    public static string Run(params string[] command)
    {
        var start = new ProcessStartInfo(command[0]) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in command.Skip(1)) start.ArgumentList.Add(a);
        using var p = Process.Start(start)!;
        string output = p.StandardOutput.ReadToEnd();
        string error = p.StandardError.ReadToEnd();
        if (!p.WaitForExit(30_000)) throw new TimeoutException(string.Join(' ', command));
        if (p.ExitCode != 0) throw new InvalidOperationException($"{string.Join(' ', command)} failed ({p.ExitCode}): {error}");
        return output;
    }

    public void Dispose()
    {
        try { Run("ip", "netns", "del", Name); } catch (InvalidOperationException) { }
    }
}

/// <summary>A fact that runs only where network namespaces and TAP exist; elsewhere it is skipped with the reason.</summary>
public sealed class NetworkNamespaceFactAttribute : Xunit.FactAttribute
{
    public NetworkNamespaceFactAttribute()
    {
        if (!NetworkNamespace.IsAvailable(out var reason)) Skip = reason;
    }
}
