using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Islet.Cli.Images;
using Islet.Cli.Internal;

namespace Islet.Cli.Runs;

/// <summary>
/// The runs <c>islet run</c> has started and not yet seen end, without a daemon: one directory
/// holding <c>NAME.json</c> (a <see cref="RunRecord"/>) and <c>NAME.log</c> per run. The
/// directory is <c>$ISLET_RUNTIME_DIR</c>, else <c>$XDG_RUNTIME_DIR/islet</c>, else
/// <c>/tmp/islet-UID</c>, created with mode 0700.
/// </summary>
/// <remarks>
/// Records are written atomically (a temporary file renamed over the record), so a reader sees
/// the old record or the new one, never a part. A record whose process has ended (or whose pid
/// now names another process, told by its start time) is stale: <c>islet ps</c> removes it.
/// Every I/O failure is a failure <see cref="CliException"/> naming the directory.
/// </remarks>
public sealed partial class RunRegistry
{
    /// <summary>The variable that chooses the directory.</summary>
    public const string DirectoryVariable = "ISLET_RUNTIME_DIR";

    private readonly bool _sharedParent;

    /// <summary>A registry in <paramref name="directory"/> (not created until <see cref="EnsureCreated"/>).</summary>
    public RunRegistry(string directory) : this(directory, sharedParent: false)
    {
    }

    private RunRegistry(string directory, bool sharedParent)
    {
        Directory = directory;
        _sharedParent = sharedParent;
    }

    /// <summary>The registry's directory.</summary>
    public string Directory { get; }

    /// <summary>The registry <paramref name="getVariable"/> (an environment) selects.</summary>
    public static RunRegistry FromEnvironment(Func<string, string?> getVariable)
    {
        if (getVariable(DirectoryVariable) is { Length: > 0 } explicitDirectory) return new RunRegistry(Path.GetFullPath(explicitDirectory));
        if (getVariable("XDG_RUNTIME_DIR") is { Length: > 0 } runtime) return new RunRegistry(Path.Combine(runtime, "islet"));
        return new RunRegistry($"/tmp/islet-{Libc.GetUserId()}", sharedParent: true);
    }

    /// <summary>
    /// Creates the directory (mode 0700) if missing. Under the shared /tmp it must also be
    /// private already (another user could have made it); a failure <see cref="CliException"/> otherwise.
    /// </summary>
    public void EnsureCreated()
    {
        if (OperatingSystem.IsWindows()) throw CliException.Failure("islet keeps its runs in a Linux runtime directory; this host is Windows");
        try
        {
            System.IO.Directory.CreateDirectory(Directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            const UnixFileMode others = UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute
                | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;
            if (_sharedParent && (File.GetUnixFileMode(Directory) & others) != 0)
            {
                throw CliException.Failure($"the run directory {Directory} is open to other users; remove it or set {DirectoryVariable}");
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw Unusable(e);
        }
    }

    /// <summary>The record file of run <paramref name="name"/>.</summary>
    public string RecordPath(string name) => Path.Combine(Directory, CheckName(name) + ".json");

    /// <summary>The log file of run <paramref name="name"/> (its rotated half is <see cref="RunLog.RotatedPath"/>).</summary>
    public string LogPath(string name) => Path.Combine(Directory, CheckName(name) + ".log");

    /// <summary>
    /// Returns <paramref name="name"/> when it is a valid name (a letter or digit, then up to 63
    /// letters, digits, '.', '_' or '-'); a usage <see cref="CliException"/> otherwise.
    /// </summary>
    public static string CheckName(string name) =>
        ValidName().IsMatch(name)
            ? name
            : throw CliException.Usage($"bad run name '{name}': use letters, digits, '.', '_' and '-' (at most 64, starting with a letter or digit)");

    /// <summary>Writes <paramref name="record"/> atomically, replacing any record of the same name.</summary>
    public void Write(RunRecord record)
    {
        string path = RecordPath(record.Name);
        string temporary = Path.Combine(Directory, $".{record.Name}.{Environment.ProcessId}.tmp");
        try
        {
            File.WriteAllText(temporary, JsonSerializer.Serialize(record, CliJsonContext.Default.RunRecord), Encoding.UTF8);
            File.Move(temporary, path, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            TryDelete(temporary);
            throw Unusable(e);
        }
    }

    /// <summary>The record of <paramref name="name"/>, or null when there is none or it cannot be read.</summary>
    public RunRecord? TryRead(string name) => TryReadFile(RecordPath(name));

    /// <summary>The record of <paramref name="name"/>; a usage <see cref="CliException"/> ("no run named ...") when there is none.</summary>
    public RunRecord Get(string name) =>
        TryRead(name) ?? throw CliException.Usage($"no run named '{name}' (see islet ps)");

    /// <summary>Every readable record, oldest first (stale ones included: check <see cref="RunRecord.IsAlive"/>).</summary>
    public IReadOnlyList<RunRecord> List()
    {
        if (!System.IO.Directory.Exists(Directory)) return [];
        try
        {
            return System.IO.Directory.EnumerateFiles(Directory, "*.json")
                .Select(TryReadFile)
                .OfType<RunRecord>()
                .OrderBy(r => r.Started)
                .ToList();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw Unusable(e);
        }
    }

    /// <summary>Removes the record of <paramref name="name"/> (the log stays, for <c>islet logs</c>); no error if it is gone.</summary>
    public void Remove(string name) => TryDelete(RecordPath(name));

    /// <summary>Removes the record of <paramref name="record"/>'s name only while it still describes that process.</summary>
    public void RemoveIfSame(RunRecord record)
    {
        if (TryRead(record.Name) is { } current && current.Pid == record.Pid && current.StartTicks == record.StartTicks)
        {
            Remove(record.Name);
        }
    }

    /// <summary>
    /// A name for a new run. An explicit <paramref name="requested"/> name must not belong to a
    /// live run (usage <see cref="CliException"/>); otherwise the name is the image's file name
    /// without extension, with a short random suffix when a live run has it. Stale records of
    /// the chosen name are removed.
    /// </summary>
    public string AllocateName(string? requested, string imagePath)
    {
        if (requested is not null)
        {
            if (TryRead(CheckName(requested)) is { } existing && existing.IsAlive())
            {
                throw CliException.Usage($"a run named '{requested}' is already running (pid {existing.Pid}); stop it or choose another --name");
            }
            Remove(requested);
            return requested;
        }
        string stem = BaseName(imagePath);
        string name = stem;
        while (TryRead(name) is { } taken && taken.IsAlive())
        {
            name = $"{stem}-{Guid.NewGuid().ToString("N")[..4]}";
        }
        Remove(name);
        return name;
    }

    /// <summary>The image's file name without extension, made a valid run name ("run" when nothing is left).</summary>
    public static string BaseName(string imagePath)
    {
        string stem = InvalidCharacters().Replace(Path.GetFileNameWithoutExtension(imagePath), "-").TrimStart('-', '.', '_');
        if (stem.Length > 58) stem = stem[..58];
        return stem.Length == 0 ? "run" : stem;
    }

    private static RunRecord? TryReadFile(string path)
    {
        try
        {
            return JsonSerializer.Deserialize(File.ReadAllText(path), CliJsonContext.Default.RunRecord);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException)
        {
            return null;
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Already gone, or another islet is removing it: either way it is not ours to keep.
        }
    }

    private CliException Unusable(Exception e) =>
        CliException.Failure($"cannot use the run directory {Directory}: {e.Message} (set {DirectoryVariable} to a writable directory)");

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")]
    private static partial Regex ValidName();

    [GeneratedRegex("[^A-Za-z0-9._-]")]
    private static partial Regex InvalidCharacters();
}
