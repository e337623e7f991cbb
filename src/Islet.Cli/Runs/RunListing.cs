namespace Islet.Cli.Runs;

/// <summary>One row of <c>islet ps</c>: a run, whether its process still runs, and for how long it has.</summary>
/// <param name="Run">The registered run.</param>
/// <param name="Status"><c>running</c>, or <c>exited</c> (shown by <c>--all</c> only).</param>
/// <param name="UptimeSeconds">Seconds since it started.</param>
public sealed record RunListing(RunRecord Run, string Status, long UptimeSeconds)
{
    /// <summary>The status of a live run.</summary>
    public const string Running = "running";

    /// <summary>The status of a run whose process has gone (or whose pid now names another process).</summary>
    public const string Exited = "exited";

    /// <summary>An uptime as <c>42s</c>, <c>5m12s</c>, <c>3h04m</c> or <c>2d03h</c>.</summary>
    public static string FormatUptime(long seconds) => seconds switch
    {
        < 60 => $"{Math.Max(seconds, 0)}s",
        < 3600 => $"{seconds / 60}m{seconds % 60:00}s",
        < 86400 => $"{seconds / 3600}h{seconds / 60 % 60:00}m",
        _ => $"{seconds / 86400}d{seconds / 3600 % 24:00}h",
    };

    /// <summary>A published port <c>ADDRESS:HOSTPORT:GUESTPORT</c> as <c>ADDRESS:HOSTPORT-&gt;GUESTPORT</c>.</summary>
    public static string FormatPort(string port)
    {
        int colon = port.LastIndexOf(':');
        return colon < 0 ? port : $"{port[..colon]}->{port[(colon + 1)..]}";
    }
}
