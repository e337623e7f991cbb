namespace Islet.Abi;

/// <summary>
/// The per-image values the ABI table refers to. Fds: 0 does not exist, 1 and 2 are the
/// console, and the image's <see cref="DeviceCount"/> devices are fds 3 .. 3+N-1 in manifest
/// order, so every fd the image may use is below <see cref="FdLimit"/>.
/// </summary>
public sealed record AbiContext
{
    /// <summary>The first device fd.</summary>
    public const int FirstDeviceFd = 3;

    /// <summary>The most devices one image may have (keeps every fd far below <see cref="AbiTable.LauncherImageFd"/>).</summary>
    public const int MaxDevices = 64;

    /// <summary>Creates a context.</summary>
    /// <param name="deviceCount">Devices attached, 0..<see cref="MaxDevices"/>.</param>
    /// <param name="processId">
    /// The image's process id (positive). Under spt the launcher knows it: execveat keeps the pid.
    /// </param>
    /// <exception cref="ArgumentOutOfRangeException">If either value is out of range.</exception>
    public AbiContext(int deviceCount, int processId)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(deviceCount);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(deviceCount, MaxDevices);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(processId);
        DeviceCount = deviceCount;
        ProcessId = processId;
    }

    /// <summary>The number of device fds N.</summary>
    public int DeviceCount { get; }

    /// <summary>The image's process id, the only valid tgid for tgkill.</summary>
    public int ProcessId { get; }

    /// <summary>3 + N: the first fd that is neither console nor device.</summary>
    public int FdLimit => FirstDeviceFd + DeviceCount;
}
