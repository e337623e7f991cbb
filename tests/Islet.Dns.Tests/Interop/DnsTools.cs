using System.Diagnostics;
using System.Globalization;

namespace Islet.Dns.Tests.Interop;

/// <summary>The real DNS tools the interop tests drive: BIND's dig and nsupdate, Knot's kdig.
/// Every run is bounded: the tools get short timeouts and are killed after 60 s.</summary>
internal static class DnsTools
{
    /// <summary>Runs <paramref name="tool"/> with <paramref name="arguments"/> and <paramref name="input"/> on stdin; exit code and stdout+stderr.</summary>
    public static (int Code, string Output) Run(string tool, IEnumerable<string> arguments, string? input = null)
    {
        var start = new ProcessStartInfo(ToolFactAttribute.Find(tool) ?? tool, arguments)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using Process process = Process.Start(start)!;
        if (input is not null)
            process.StandardInput.Write(input);
        process.StandardInput.Close();
        Task<string> stdout = process.StandardOutput.ReadToEndAsync(), stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(60_000))
        {
            process.Kill();
            throw new TimeoutException($"{tool} {string.Join(' ', arguments)} ran for more than 60 s");
        }
        return (process.ExitCode, stdout.Result + stderr.Result);
    }

    /// <summary>dig against 127.0.0.1:<paramref name="port"/> without recursion.</summary>
    public static string Dig(int port, params string[] arguments) =>
        Run("dig", ["@127.0.0.1", "-p", Port(port), "+norec", "+time=3", "+tries=1", .. arguments]).Output;

    /// <summary>kdig against 127.0.0.1:<paramref name="port"/>.</summary>
    public static (int Code, string Output) Kdig(int port, params string[] arguments) =>
        Run("kdig", ["@127.0.0.1", "-p", Port(port), "+time=3", "+retry=0", .. arguments]);

    /// <summary>nsupdate -y <paramref name="key"/> sending <paramref name="commands"/> (one per line) as one update of <paramref name="zone"/>.</summary>
    public static (int Code, string Output) Nsupdate(int port, string key, string zone, params string[] commands) =>
        Run("nsupdate", ["-y", key, "-t", "5", "-r", "0"],
            $"server 127.0.0.1 {Port(port)}\nzone {zone}\n{string.Join('\n', commands)}\nsend\n");

    private static string Port(int port) => port.ToString(CultureInfo.InvariantCulture);
}
