namespace Islet.Cli.Runs;

/// <summary>
/// A run's log file, written by <c>islet run</c> from the unikernel's standard output and
/// error. Bounded: when a write takes it past <see cref="Limit"/> bytes it is renamed to
/// <see cref="RotatedPath"/> (replacing the previous one) and a new file is started, so a run
/// keeps at most twice the limit on disk.
/// </summary>
/// <remarks>Thread-safe: each <see cref="Append"/> lands whole, so chunks from two streams never interleave within one another.</remarks>
internal sealed class RunLog : IDisposable
{
    /// <summary>The default bound: 8 MiB.</summary>
    public const long DefaultLimit = 8L * 1024 * 1024;

    private readonly object _gate = new();
    private FileStream _file;

    /// <summary>Starts a fresh log at <paramref name="path"/>: any earlier log of that name and its rotated half are discarded.</summary>
    public RunLog(string path, long limit = DefaultLimit)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        Path = path;
        Limit = limit;
        File.Delete(RotatedPath(path));
        _file = Open(path);
    }

    /// <summary>The log file.</summary>
    public string Path { get; }

    /// <summary>The size past which the log is rotated.</summary>
    public long Limit { get; }

    /// <summary>Where a log's older half goes: <c>NAME.log.1</c>.</summary>
    public static string RotatedPath(string path) => path + ".1";

    /// <summary>Appends <paramref name="data"/> (written through, for readers of the file), rotating afterwards if the file has passed <see cref="Limit"/>.</summary>
    public void Append(ReadOnlySpan<byte> data)
    {
        lock (_gate)
        {
            _file.Write(data);
            if (_file.Length <= Limit) return;
            _file.Dispose();
            File.Move(Path, RotatedPath(Path), overwrite: true);
            _file = Open(Path);
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        lock (_gate) _file.Dispose();
    }

    private static FileStream Open(string path) =>
        new(path, FileMode.Create, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete, bufferSize: 0);
}
