namespace Islet.Cli.Runs;

/// <summary>
/// One registered run, as <c>islet run</c> writes it to <c>DIR/NAME.json</c> (see
/// <see cref="RunRegistry"/>): the unikernel process (the launcher for spt, the image itself for
/// unix and direct), identified by its pid and its start time in clock ticks (so a reused pid is
/// not taken for it), and what <c>islet ps</c> shows.
/// </summary>
/// <param name="Name">The run's name (<c>--name</c>), unique among live runs.</param>
/// <param name="Pid">The unikernel process.</param>
/// <param name="StartTicks">Field 22 of <c>/proc/PID/stat</c> when it was registered.</param>
/// <param name="Target">The target it runs on (unix, direct, spt).</param>
/// <param name="Image">The image's full path.</param>
/// <param name="Ports">Published ports as <c>ADDRESS:HOSTPORT:GUESTPORT</c>.</param>
/// <param name="Started">When it started (UTC).</param>
/// <param name="Log">The file its standard output and error go to.</param>
public sealed record RunRecord(
    string Name,
    int Pid,
    ulong StartTicks,
    string Target,
    string Image,
    IReadOnlyList<string> Ports,
    DateTimeOffset Started,
    string Log)
{
    /// <summary>True when <see cref="Pid"/> is still this run's process: alive, not a zombie, and started at <see cref="StartTicks"/>.</summary>
    public bool IsAlive() =>
        ProcessStat.TryRead(Pid, out var stat) && stat.StartTicks == StartTicks && stat.IsRunning;
}
