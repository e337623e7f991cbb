using System.Globalization;

namespace Islet.Cli.Runs;

/// <summary>
/// What the run registry reads of a process from <c>/proc/PID/stat</c> (proc(5)): its state
/// letter (field 3) and its start time in clock ticks since boot (field 22), which with the pid
/// names one process for good: a reused pid has a later start time.
/// </summary>
public readonly record struct ProcessStat(char State, ulong StartTicks)
{
    /// <summary>True unless the process has ended and only its zombie or its dead entry remains (states Z, X, x).</summary>
    public bool IsRunning => State is not ('Z' or 'X' or 'x');

    /// <summary>Reads the stat line of <paramref name="pid"/>; false when there is no such process or the line cannot be read.</summary>
    public static bool TryRead(int pid, out ProcessStat stat)
    {
        stat = default;
        if (pid <= 0) return false;
        string line;
        try
        {
            line = File.ReadAllText($"/proc/{pid}/stat");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
        return TryParse(line, out stat);
    }

    /// <summary>
    /// Parses a stat line. The command name (field 2) is in parentheses and may hold spaces and
    /// parentheses itself, so the fields are counted after the last ')'.
    /// </summary>
    public static bool TryParse(string line, out ProcessStat stat)
    {
        stat = default;
        int close = line.LastIndexOf(')');
        if (close < 0) return false;
        string[] fields = line[(close + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        // fields[0] is field 3 (state); field 22 (starttime) is fields[19].
        if (fields.Length < 20 || fields[0].Length != 1) return false;
        if (!ulong.TryParse(fields[19], NumberStyles.None, CultureInfo.InvariantCulture, out ulong ticks)) return false;
        stat = new ProcessStat(fields[0][0], ticks);
        return true;
    }
}
